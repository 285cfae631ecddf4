package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.sluice.analytics.function.Calls.eval;
import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NumericFunctionsTest {

    @Test
    void absFloorAndCeilKeepTheArgumentsType() {
        assertThat(eval("ABS", types("INTEGER"), -5)).isEqualTo(5);
        assertThat(eval("ABS", types("DECIMAL(5,2)"), new BigDecimal("-1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> eval("ABS", types("BIGINT"), Long.MIN_VALUE)).isInstanceOf(EvaluationException.class);
        assertThat(eval("FLOOR", types("DOUBLE"), -1.5)).isEqualTo(-2.0);
        assertThat(eval("CEILING", types("DOUBLE"), -1.5)).isEqualTo(-1.0);
        assertThat(eval("CEIL", types("DECIMAL(5,2)"), new BigDecimal("1.01"))).isEqualTo(new BigDecimal("2"));
        assertThat(eval("FLOOR", types("INTEGER"), 7)).isEqualTo(7);
    }

    @Test
    void transcendentalFunctionsAreDoubleAndRefuseTheirDomainsEdge() {
        assertThat((Double) eval("EXP", types("INTEGER"), 1)).isCloseTo(Math.E, within(1e-12));
        assertThat(eval("LN", types("DOUBLE"), Math.E)).isEqualTo(1.0);
        assertThat(eval("LOG10", types("INTEGER"), 1000)).isEqualTo(3.0);
        assertThat(eval("SQRT", types("INTEGER"), 16)).isEqualTo(4.0);
        assertThat(eval("POWER", types("INTEGER", "INTEGER"), 2, 10)).isEqualTo(1024.0);
        assertThatThrownBy(() -> eval("LN", types("INTEGER"), 0)).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> eval("SQRT", types("DOUBLE"), -1.0)).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> eval("POWER", types("DOUBLE", "DOUBLE"), -8.0, 1.0 / 3))
                .isInstanceOf(EvaluationException.class);
        assertThat(eval("SQRT", types("DOUBLE"), (Object) null)).isNull();
    }

    @Test
    void stepRoundsNumbersDownToAMultiple() {
        assertThat(eval("STEP", types("INTEGER", "INTEGER"), 17, 5)).isEqualTo(15);
        assertThat(eval("STEP", types("INTEGER", "INTEGER"), -1, 5)).isEqualTo(-5);
        assertThat(eval("STEP", types("BIGINT", "INTEGER"), 17L, 5)).isEqualTo(15L);
        assertThat(eval("STEP", types("DOUBLE", "DOUBLE"), 1.7, 0.5)).isEqualTo(1.5);
        assertThat(eval("STEP", types("INTEGER", "INTEGER"), null, 5)).isNull();
        assertThatThrownBy(() -> eval("STEP", types("INTEGER", "INTEGER"), 3, 0))
                .isInstanceOf(EvaluationException.class);
    }
}
