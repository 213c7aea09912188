import { render } from 'preact';

function Placeholder() {
  return (
    <main>
      <h1>Fact-check workbench</h1>
      <p>
        The service is running. The API is documented at <a href="/q/swagger-ui">/q/swagger-ui</a>.
      </p>
    </main>
  );
}

render(<Placeholder />, document.getElementById('app')!);
