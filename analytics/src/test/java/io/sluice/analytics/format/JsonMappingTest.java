package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The JSON mapping examples of KDA's developer guide (sch-mapping, about-json-path) and their documented results. */
class JsonMappingTest {

    /** The guide's JSONPath sample record, made valid JSON (its streetAddress is an object, its commas restored). */
    private static final String CUSTOMER = """
            {"customerName":"John Doe",
             "address":{"streetAddress":{"number":"123","street":"AnyStreet"},"city":"Anytown"},
             "orders":[{"orderId":"23284","itemName":"Widget","itemPrice":"33.99"},
                       {"orderId":"63122","itemName":"Gadget","itemPrice":"22.50"},
                       {"orderId":"77284","itemName":"Sprocket","itemPrice":"12.00"}]}""";

    @Test
    void stockTickerRecordMapsToTheGuidesInputSchemaExample() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "TICKER_SYMBOL VARCHAR(4) $.TICKER_SYMBOL", "SECTOR VARCHAR(16) $.SECTOR",
                "CHANGE TINYINT $.CHANGE", "PRICE DECIMAL(5,2) $.PRICE"));

        Object[] row = Collected.parse(parser,
                "{\"TICKER_SYMBOL\":\"QXZ\",\"SECTOR\":\"HEALTHCARE\",\"CHANGE\":-1,\"PRICE\":84.51}").single();

        assertThat(row).containsExactly("QXZ", "HEALTHCARE", -1, new BigDecimal("84.51"));
    }

    @Test
    void aFractionalChangeIntoTheExamplesTinyintColumnIsACoercionError() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "TICKER_SYMBOL VARCHAR(4) $.TICKER_SYMBOL", "CHANGE TINYINT $.CHANGE"));
        String record = "{\"TICKER_SYMBOL\":\"QXZ\",\"CHANGE\":-0.05}";

        Collected out = Collected.parse(parser, record);

        assertThat(out.rows).isEmpty();
        assertThat(out.errors).singleElement().asString().contains("-0.05").contains("TINYINT").contains("CHANGE");
        assertThat(out.errorData).containsExactly(record);
    }

    @Test
    void memberAndNestedMemberPathsReturnTheirValues() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "NAME VARCHAR(16) $.customerName", "CITY VARCHAR(16) $.address.city",
                "STREET VARCHAR(16) $.address.streetAddress.street"));

        assertThat(Collected.parse(parser, CUSTOMER).single()).containsExactly("John Doe", "Anytown", "AnyStreet");
    }

    @Test
    void pathsAreCaseSensitiveAndAMissingElementIsNull() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "A VARCHAR(16) $.Name", "B INTEGER $.customerId", "C VARCHAR(16) $.customerName"));

        assertThat(Collected.parse(parser, CUSTOMER).single()).containsExactly(null, null, "John Doe");
    }

    @Test
    void anArrayIndexedLastIsOneFieldHoldingTheWholeArrayAsJsonText() {
        RecordParser parser = new RecordParser(Schemas.json("$", "ORDERS VARCHAR(1024) $.orders[0:]"));

        assertThat(Collected.parse(parser, CUSTOMER).single()).containsExactly(
                "[{\"orderId\":\"23284\",\"itemName\":\"Widget\",\"itemPrice\":\"33.99\"},"
                        + "{\"orderId\":\"63122\",\"itemName\":\"Gadget\",\"itemPrice\":\"22.50\"},"
                        + "{\"orderId\":\"77284\",\"itemName\":\"Sprocket\",\"itemPrice\":\"12.00\"}]");
    }

    @Test
    void aPathContinuingAfterTheArrayFlattensItWithOtherColumnsRepeated() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "NAME VARCHAR(16) $.customerName", "ORDER_ID VARCHAR(8) $.orders[0:].orderId"));

        Collected out = Collected.parse(parser, CUSTOMER);

        assertThat(out.errors).isEmpty();
        assertThat(out.rows).extracting(r -> r[0] + "/" + r[1])
                .containsExactly("John Doe/23284", "John Doe/63122", "John Doe/77284");
    }

    @Test
    void aSecondArrayReadWholeRepeatsBesideTheFlattenedOne() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "ORDER_ID VARCHAR(8) $.orders[0:].orderId", "TAGS VARCHAR(32) $.tags[0:]"));

        Collected out = Collected.parse(parser, "{\"orders\":[{\"orderId\":\"1\"},{\"orderId\":\"2\"}],\"tags\":[1,2]}");

        assertThat(out.rows).extracting(r -> r[0] + "/" + r[1]).containsExactly("1/[1,2]", "2/[1,2]");
    }

    @Test
    void anEmptyOrMissingFlattenedArrayStillYieldsOneRowWithItsColumnsNull() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "NAME VARCHAR(16) $.customerName", "ORDER_ID VARCHAR(8) $.orders[0:].orderId"));

        assertThat(Collected.parse(parser, "{\"customerName\":\"A\",\"orders\":[]}").single())
                .containsExactly("A", null);
        assertThat(Collected.parse(parser, "{\"customerName\":\"B\"}").single()).containsExactly("B", null);
    }

    @Test
    void twoFlattenedArraysAndNestedFlatteningAreRefusedAsTheGuideSays() {
        assertThatThrownBy(() -> RecordParser.validate(Schemas.json("$",
                "A VARCHAR(8) $.one[0:].element", "B VARCHAR(8) $.two[0:].element")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one array");
        assertThatThrownBy(() -> RecordParser.validate(Schemas.json("$",
                "A VARCHAR(8) $.one[0:].element[0:].sub")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one level");
    }

    @Test
    void twoColumnsMayReadDifferentMembersOfTheOneFlattenedArray() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "ID VARCHAR(8) $.orders[0:].orderId", "PRICE DECIMAL(5,2) $.orders[0:].itemPrice"));

        Collected out = Collected.parse(parser, CUSTOMER);

        assertThat(out.rows).extracting(r -> r[0] + "=" + r[1])
                .containsExactly("23284=33.99", "63122=22.50", "77284=12.00");
    }

    @Test
    void wildcardsAndFiltersAreRefusedByName() {
        assertThatThrownBy(() -> JsonPath.parse("$.a[*].b")).hasMessageContaining("[*]");
        assertThatThrownBy(() -> JsonPath.parse("$.*")).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> JsonPath.parse("$..a")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> JsonPath.parse("$.a[?(@.b)]")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> JsonPath.parse("a.b")).hasMessageContaining("must start with $");
    }

    @Test
    void bracketedNamesAndElementIndexesSelectWhatTheyName() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "SPACED VARCHAR(8) $['x y']", "SECOND INTEGER $.list[1]", "DEEP VARCHAR(8) $.list[2].k",
                "DOTTED VARCHAR(8) $['a.b'].v"));

        Object[] row = Collected.parse(parser,
                "{\"x y\":\"sp\",\"list\":[10,20,{\"k\":\"v\"}],\"a.b\":{\"v\":\"q\"}}").single();

        assertThat(row).containsExactly("sp", 20, "v", "q");
    }

    @Test
    void aRowPathSelectsTheRowsOfEachRecord() {
        RecordParser parser = new RecordParser(Schemas.json("$.data",
                "ID INTEGER $.id", "NAME VARCHAR(8) $.name"));

        Collected out = Collected.parse(parser, "{\"meta\":1,\"data\":[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]}");

        assertThat(out.rows).extracting(r -> r[0] + r[1].toString()).containsExactly("1a", "2b");
        assertThat(Collected.parse(parser, "{\"data\":{\"id\":3,\"name\":\"c\"}}").single()).containsExactly(3, "c");
        assertThat(Collected.parse(parser, "{\"other\":1}").errors).singleElement().asString().contains("$.data");
    }

    @Test
    void aTopLevelArrayYieldsOneRowPerElement() {
        RecordParser parser = new RecordParser(Schemas.json("$", "ID INTEGER $.id"));

        Collected out = Collected.parse(parser, "[{\"id\":1},{\"id\":2}]");

        assertThat(out.rows).extracting(r -> r[0]).containsExactly(1, 2);
    }

    @Test
    void aRecordThatIsNotJsonIsOneErrorCarryingTheRecord() {
        RecordParser parser = new RecordParser(Schemas.json("$", "ID INTEGER $.id"));

        Collected out = Collected.parse(parser, "{\"id\":1,");

        assertThat(out.rows).isEmpty();
        assertThat(out.errors).singleElement().asString().startsWith("Record is not valid JSON");
        assertThat(out.errorData).containsExactly("{\"id\":1,");
        assertThat(Collected.parse(parser, "42").errors).containsExactly("Record is not a JSON object or array");
    }

    @Test
    void aMemberReadWholeAndIntoIsBothItsTextAndItsParts() {
        RecordParser parser = new RecordParser(Schemas.json("$",
                "ADDRESS VARCHAR(128) $.address", "CITY VARCHAR(16) $.address.city"));

        assertThat(Collected.parse(parser, CUSTOMER).single()).containsExactly(
                "{\"streetAddress\":{\"number\":\"123\",\"street\":\"AnyStreet\"},\"city\":\"Anytown\"}", "Anytown");
    }

    @Test
    void otherRowsOfARecordSurviveOneRowsCoercionError() {
        RecordParser parser = new RecordParser(Schemas.json("$", "ID INTEGER $.id"));

        Collected out = Collected.parse(parser, "[{\"id\":1},{\"id\":\"x\"},{\"id\":3}]");

        assertThat(out.rows).extracting(r -> r[0]).containsExactly(1, 3);
        assertThat(out.errors).hasSize(1);
    }
}
