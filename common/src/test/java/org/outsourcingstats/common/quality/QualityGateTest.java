package org.outsourcingstats.common.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.outsourcingstats.common.quality.QualityGate.Limit;

class QualityGateTest {
  // The sample run's normalize: 227 rows read, 11 quarantined (README), here split by hand.
  private static final Map<ReasonCode, Long> SAMPLE =
      Map.of(ReasonCode.INVALID_VALUE, 7L, ReasonCode.UNKNOWN_ENTITY, 4L);

  @Test
  void theOpenGatePassesEveryRunAndCountsNothing() {
    assertThat(QualityGate.open().hasLimits()).isFalse();
    assertThat(QualityGate.open().check(227, SAMPLE).passed()).isTrue();
    assertThat(QualityGate.open().check(5, Map.of(ReasonCode.INVALID_VALUE, 5L)).passed()).isTrue();
  }

  @ParameterizedTest(name = "at most {0} rows: passed = {1}")
  @CsvSource({"11, true", "10, false", "0, false"})
  void anOverallCountFailsARunThatQuarantinesMore(long maxRows, boolean passed) {
    QualityGate gate = QualityGate.of(new Limit(maxRows, 1.0), Map.of());

    QualityGate.Verdict verdict = gate.check(227, SAMPLE);

    assertThat(verdict.passed()).isEqualTo(passed);
    if (!passed) {
      assertThat(verdict.breaches())
          .containsExactly(
              "11 quarantined rows, more than pipeline.quality-gate.max-quarantined-rows = "
                  + maxRows);
    }
  }

  @Test
  void aFractionIsOfTheRowsRead() {
    // 11 / 227 = 0.04846: within 5 %, beyond 4 %.
    assertThat(QualityGate.of(new Limit(-1, 0.05), Map.of()).check(227, SAMPLE).passed()).isTrue();
    assertThat(QualityGate.of(new Limit(-1, 0.04), Map.of()).check(227, SAMPLE).breaches())
        .containsExactly(
            "11 quarantined rows of 227 read (0.0485), more than "
                + "pipeline.quality-gate.max-quarantined-fraction = 0.04");
  }

  @Test
  void aReasonsLimitFailsOnThatReasonAloneWhileOthersAreTolerated() {
    QualityGate gate =
        QualityGate.of(
            Limit.NONE,
            Map.of(
                ReasonCode.UNKNOWN_ENTITY,
                new Limit(0, 1.0),
                ReasonCode.INVALID_VALUE,
                Limit.NONE));

    assertThat(gate.hasLimits()).isTrue();
    assertThat(gate.check(227, SAMPLE).breaches())
        .containsExactly(
            "4 UNKNOWN_ENTITY rows, more than "
                + "pipeline.quality-gate.reasons.UNKNOWN_ENTITY.max-quarantined-rows = 0");
    assertThat(gate.check(227, Map.of(ReasonCode.INVALID_VALUE, 50L)).passed()).isTrue();
  }

  @Test
  void everyLimitExceededIsNamed() {
    QualityGate gate =
        QualityGate.of(new Limit(10, 0.01), Map.of(ReasonCode.INVALID_VALUE, new Limit(6, 1.0)));

    assertThat(gate.check(227, SAMPLE).breaches()).hasSize(3);
  }

  @Test
  void aRunThatReadNothingHasQuarantinedNoFraction() {
    assertThat(QualityGate.of(new Limit(-1, 0.0), Map.of()).check(0, Map.of()).passed()).isTrue();
  }

  @Test
  void limitsOutOfRangeAreRefusedWithTheSettingsName() {
    assertThatThrownBy(() -> new Limit(-2, 1.0)).hasMessageContaining("max-quarantined-rows");
    assertThatThrownBy(() -> new Limit(-1, 1.5)).hasMessageContaining("max-quarantined-fraction");
  }
}
