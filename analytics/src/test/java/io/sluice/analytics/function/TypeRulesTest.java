package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeRulesTest {

    private static SqlType t(String spelling) {
        return SqlType.parse(spelling);
    }

    @Test
    void integerArithmeticStaysIntegerAndBigintWidens() throws Exception {
        assertThat(TypeRules.arithmetic("+", t("INTEGER"), t("SMALLINT"))).isEqualTo(SqlType.INTEGER);
        assertThat(TypeRules.arithmetic("/", t("INTEGER"), t("INTEGER"))).isEqualTo(SqlType.INTEGER);
        assertThat(TypeRules.arithmetic("*", t("INTEGER"), t("BIGINT"))).isEqualTo(SqlType.BIGINT);
        assertThat(TypeRules.arithmetic("-", t("TINYINT"), t("TINYINT"))).isEqualTo(SqlType.INTEGER);
    }

    @Test
    void anyApproximateOperandGivesDouble() throws Exception {
        assertThat(TypeRules.arithmetic("+", t("INTEGER"), t("REAL"))).isEqualTo(SqlType.DOUBLE);
        assertThat(TypeRules.arithmetic("*", t("DECIMAL(10,2)"), t("DOUBLE"))).isEqualTo(SqlType.DOUBLE);
    }

    @Test
    void decimalPrecisionAndScaleFollowTheStandardRules() throws Exception {
        assertThat(TypeRules.arithmetic("+", t("DECIMAL(10,2)"), t("DECIMAL(5,3)"))).isEqualTo(t("DECIMAL(12,3)"));
        assertThat(TypeRules.arithmetic("*", t("DECIMAL(10,2)"), t("DECIMAL(5,3)"))).isEqualTo(t("DECIMAL(15,5)"));
        assertThat(TypeRules.arithmetic("+", t("DECIMAL(10,2)"), t("INTEGER"))).isEqualTo(t("DECIMAL(13,2)"));
        assertThat(TypeRules.arithmetic("/", t("DECIMAL(10,2)"), t("DECIMAL(5,1)"))).isEqualTo(t("DECIMAL(17,8)"));
        assertThat(TypeRules.arithmetic("*", t("DECIMAL(30,10)"), t("DECIMAL(30,10)")).precision()).isEqualTo(38);
    }

    @Test
    void datetimeArithmeticKeepsTheDatetimeTypeAndTimestampDifferenceIsAnInterval() throws Exception {
        SqlType dayTime = SqlType.of(SqlTypeName.INTERVAL_DAY_TIME);
        SqlType yearMonth = SqlType.of(SqlTypeName.INTERVAL_YEAR_MONTH);
        assertThat(TypeRules.arithmetic("+", SqlType.TIMESTAMP, dayTime)).isEqualTo(SqlType.TIMESTAMP);
        assertThat(TypeRules.arithmetic("+", yearMonth, SqlType.DATE)).isEqualTo(SqlType.DATE);
        assertThat(TypeRules.arithmetic("-", SqlType.TIMESTAMP, SqlType.TIMESTAMP)).isEqualTo(dayTime);
        assertThat(TypeRules.arithmetic("*", t("INTEGER"), dayTime)).isEqualTo(dayTime);
        assertThatThrownBy(() -> TypeRules.arithmetic("+", SqlType.TIME, yearMonth))
                .isInstanceOf(FunctionResolutionException.class);
        assertThatThrownBy(() -> TypeRules.arithmetic("+", SqlType.TIMESTAMP, SqlType.TIMESTAMP))
                .hasMessageContaining("+");
    }

    @Test
    void leastRestrictiveWidensNumbersAndLengthsAndRefusesMixedFamilies() throws Exception {
        assertThat(TypeRules.leastRestrictive("CASE", List.of(t("INTEGER"), t("BIGINT")))).isEqualTo(SqlType.BIGINT);
        assertThat(TypeRules.leastRestrictive("CASE", List.of(t("DECIMAL(5,2)"), t("DECIMAL(10,0)"))))
                .isEqualTo(t("DECIMAL(12,2)"));
        assertThat(TypeRules.leastRestrictive("UNION", List.of(t("CHAR(3)"), t("VARCHAR(5)"))))
                .isEqualTo(t("VARCHAR(5)"));
        assertThat(TypeRules.leastRestrictive("CASE", Arrays.asList(null, t("DATE")))).isEqualTo(SqlType.DATE);
        assertThat(TypeRules.leastRestrictive("IN", List.of(t("SMALLINT"), t("REAL")))).isEqualTo(SqlType.DOUBLE);
        assertThatThrownBy(() -> TypeRules.leastRestrictive("CASE", List.of(t("VARCHAR(3)"), t("INTEGER"))))
                .hasMessageContaining("CASE").hasMessageContaining("no common type");
    }

    @Test
    void concatenationAddsLengths() throws Exception {
        assertThat(TypeRules.concat(t("VARCHAR(3)"), t("CHAR(4)"))).isEqualTo(t("VARCHAR(7)"));
        assertThat(TypeRules.concat(t("CHAR(3)"), t("CHAR(4)"))).isEqualTo(t("CHAR(7)"));
        assertThatThrownBy(() -> TypeRules.concat(t("INTEGER"), t("CHAR(4)")))
                .isInstanceOf(FunctionResolutionException.class);
    }

    @Test
    void comparabilityAllowsCharacterAgainstDatetimeButNotBooleanAgainstNumber() {
        assertThat(TypeRules.comparable(t("VARCHAR(20)"), SqlType.TIMESTAMP)).isTrue();
        assertThat(TypeRules.comparable(t("DECIMAL(5,2)"), t("DOUBLE"))).isTrue();
        assertThat(TypeRules.comparable(SqlType.BOOLEAN, SqlType.INTEGER)).isFalse();
        assertThat(TypeRules.comparable(SqlType.DATE, SqlType.TIME)).isFalse();
    }
}
