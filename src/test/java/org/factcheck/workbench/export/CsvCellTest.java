package org.factcheck.workbench.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OWASP's CSV-injection rule, cell by cell (text fields are trimmed at input, so tab and CR are tested here). */
class CsvCellTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "=1+2|'=1+2",
        "+1|'+1",
        "-1|'-1",
        "@SUM(A1)|'@SUM(A1)",
        "plain|plain",
        "a=b|a=b",
        "🎉 emoji|🎉 emoji"})
    void neutralisesCellsThatStartAFormula(String value, String expected) {
        assertThat(CsvRecordWriter.cell(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void neutralisesLeadingTabAndCarriageReturn() {
        assertThat(CsvRecordWriter.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvRecordWriter.cell("\rcmd")).isEqualTo("'\rcmd");
        assertThat(CsvRecordWriter.cell("")).isEmpty();
        assertThat(CsvRecordWriter.cell(null)).isEmpty();
    }
}
