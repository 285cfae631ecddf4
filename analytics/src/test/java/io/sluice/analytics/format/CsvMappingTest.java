package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** CSV records: positional columns, custom delimiters, error rows. */
class CsvMappingTest {

    @Test
    void theGuidesCsvSchemaExampleReadsEachLineOfARecordAsARow() {
        RecordParser parser = new RecordParser(Schemas.csv(",", "\n",
                "LastName VARCHAR(16)", "FirstName VARCHAR(16)", "CustomerId INTEGER"));

        Collected out = Collected.parse(parser, "Doe,John,67321\nRoe,Jane,7\n");

        assertThat(out.errors).isEmpty();
        assertThat(out.rows).hasSize(2);
        assertThat(out.rows.get(0)).containsExactly("Doe", "John", 67321);
        assertThat(out.rows.get(1)).containsExactly("Roe", "Jane", 7);
    }

    @Test
    void customDelimitersOfAnyLengthSplitRowsAndFields() {
        RecordParser parser = new RecordParser(Schemas.csv("|", "$$",
                "TICKER VARCHAR(4)", "PRICE DECIMAL(6,2)", "HOT BOOLEAN"));

        Collected out = Collected.parse(parser, "AMZN|84.51|true$$QXZ|5.1|FALSE$$");

        assertThat(out.rows).hasSize(2);
        assertThat(out.rows.get(0)).containsExactly("AMZN", new BigDecimal("84.51"), true);
        assertThat(out.rows.get(1)).containsExactly("QXZ", new BigDecimal("5.10"), false);
    }

    @Test
    void aPrefixOfTheFieldsIsImportedAndMissingFieldsAreNull() {
        RecordParser parser = new RecordParser(Schemas.csv(",", "\n", "A INTEGER", "B INTEGER", "C INTEGER"));

        assertThat(Collected.parse(parser, "1,2,3,4,5").single()).containsExactly(1, 2, 3);
        assertThat(Collected.parse(parser, "1,2").single()).containsExactly(1, 2, null);
    }

    @Test
    void anEmptyFieldIsNullExceptInCharacterColumns() {
        RecordParser parser = new RecordParser(Schemas.csv(",", "\n", "A INTEGER", "B VARCHAR(4)", "C TIMESTAMP"));

        assertThat(Collected.parse(parser, ",,").single()).containsExactly(null, "", null);
    }

    @Test
    void quotedFieldsMayHoldDelimitersAndDoubledQuotes() {
        RecordParser parser = new RecordParser(Schemas.csv(",", "\n", "A VARCHAR(32)", "B INTEGER"));

        Collected out = Collected.parse(parser, "\"Doe, \"\"JD\"\"\nJr\",5\nplain,6");

        assertThat(out.rows).hasSize(2);
        assertThat(out.rows.get(0)).containsExactly("Doe, \"JD\"\nJr", 5);
        assertThat(out.rows.get(1)).containsExactly("plain", 6);
    }

    @Test
    void aRowThatFailsCoercionIsAnErrorCarryingItsTextAndTheOtherRowsStillArrive() {
        RecordParser parser = new RecordParser(Schemas.csv(",", "\r\n", "TICKER VARCHAR(4)", "PRICE REAL"));

        Collected out = Collected.parse(parser, "AMZN,84.51\r\nQXZ,n/a\r\nABC,1");

        assertThat(out.rows).extracting(r -> r[0]).containsExactly("AMZN", "ABC");
        assertThat(out.errors).singleElement().asString().contains("n/a").contains("PRICE").contains("REAL");
        assertThat(out.errorData).containsExactly("QXZ,n/a");
    }

    @Test
    void blankRowsAndAByteOrderMarkAreSkipped() {
        RecordParser parser = new RecordParser(Schemas.csv(",", "\n", "A VARCHAR(4)"));

        Collected out = Collected.parse(parser, "\uFEFFx\n\n\ny\n");

        assertThat(out.rows).extracting(r -> r[0]).containsExactly("x", "y");
    }
}
