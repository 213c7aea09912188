import { render } from 'preact';
import { App } from './app/app';
import { prefetchPage } from './lib/prefetch';
import './styles.css';

// the page's data is requested at once, alongside the app's question of who is signed in
prefetchPage(location.pathname);
render(<App />, document.getElementById('app')!);
