package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading whole reference data objects into table rows. */
class ReferenceTableReaderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> flat(List<Object[]> rows) {
        return rows.stream().map(r -> r[0] + "=" + r[1]).toList();
    }

    @Test
    void aCsvObjectIsOneRowPerLine() throws Exception {
        ReferenceTableReader reader = new ReferenceTableReader(Schemas.csv(",", "\n",
                "Ticker VARCHAR(4)", "Company VARCHAR(32)"));

        List<Object[]> rows = reader.read(bytes("AMZN,Amazon\nASD,SomeCompanyA\nMMB,SomeCompanyB\n"));

        assertThat(flat(rows)).containsExactly("AMZN=Amazon", "ASD=SomeCompanyA", "MMB=SomeCompanyB");
    }

    @Test
    void aCsvRowThatFailsCoercionFailsTheLoadNamingItsLine() {
        ReferenceTableReader reader = new ReferenceTableReader(Schemas.csv(",", "\n", "ID INTEGER", "NAME VARCHAR(8)"));

        assertThatThrownBy(() -> reader.read(bytes("1,a\n\n2,b\nthree,c\n4,d")))
                .isInstanceOfSatisfying(ReferenceDataException.class, e -> assertThat(e.line()).isEqualTo(4))
                .hasMessageStartingWith("Reference data line 4: ")
                .hasMessageContaining("three");
    }

    @Test
    void jsonObjectsOnePerLineOrAsAnArrayAreRows() throws Exception {
        ReferenceTableReader reader = new ReferenceTableReader(Schemas.json("$",
                "Ticker VARCHAR(4) $.ticker", "Company VARCHAR(32) $.company"));

        assertThat(flat(reader.read(bytes("{\"ticker\":\"AMZN\",\"company\":\"Amazon\"}\n"
                + "{\"ticker\":\"ASD\",\"company\":\"SomeCompanyA\"}\n"))))
                .containsExactly("AMZN=Amazon", "ASD=SomeCompanyA");
        assertThat(flat(reader.read(bytes("[{\"ticker\":\"A\",\"company\":\"x\"},\n {\"ticker\":\"B\"}]"))))
                .containsExactly("A=x", "B=null");
    }

    @Test
    void aJsonRowThatFailsNamesTheLineItStartsOn() {
        ReferenceTableReader reader = new ReferenceTableReader(Schemas.json("$", "ID INTEGER $.id"));

        assertThatThrownBy(() -> reader.read(bytes("{\"id\":1}\n{\"id\":2}\n{\"id\":\n \"x\"}\n")))
                .isInstanceOfSatisfying(ReferenceDataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> reader.read(bytes("[\n{\"id\":1},\n{\"id\":1.5}\n]")))
                .isInstanceOfSatisfying(ReferenceDataException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void invalidJsonFailsTheLoadWithItsLine() {
        ReferenceTableReader reader = new ReferenceTableReader(Schemas.json("$", "ID INTEGER $.id"));

        assertThatThrownBy(() -> reader.read(bytes("{\"id\":1}\n{\"id\" 2}\n")))
                .isInstanceOfSatisfying(ReferenceDataException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aRowPathSelectsTheRowsOfAReferenceObject() throws Exception {
        ReferenceTableReader reader = new ReferenceTableReader(Schemas.json("$.companies",
                "Ticker VARCHAR(4) $.t", "Company VARCHAR(32) $.c"));

        List<Object[]> rows = reader.read(bytes("{\"companies\":[{\"t\":\"A\",\"c\":\"x\"},{\"t\":\"B\",\"c\":\"y\"}]}"));

        assertThat(flat(rows)).containsExactly("A=x", "B=y");
    }
}
