package org.outsourcingstats.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConcentrationTest {
  @Test
  void daliansJapanShareLeavesARemainderBetweenTheBounds() {
    // About 80% of Dalian's offshore market from Japan: 80² = 6,400 if the other 20% is fragmented,
    // 6,400 + 20² = 6,800 if it is one client country.
    Concentration c = Concentration.of(List.of(new MemberShare("JP", 0.8)));
    assertThat(c.hhiLower()).isCloseTo(6400, within(1e-6));
    assertThat(c.hhiUpper()).isCloseTo(6800, within(1e-6));
    assertThat(c.otherShare()).isCloseTo(0.2, within(1e-12));
    assertThat(c.hhiNormalized()).isNull();
    assertThat(c.band2023()).isEqualTo("highly");
    assertThat(c.band2010()).isEqualTo("highly");
    assertThat(c.cr1()).isCloseTo(0.8, within(1e-12));
    assertThat(c.topMember()).isEqualTo("JP");
  }

  @Test
  void aMonopolyIsTenThousand() {
    Concentration c = Concentration.of(List.of(new MemberShare("A", 1.0)));
    assertThat(c.hhiLower()).isEqualTo(10_000);
    assertThat(c.hhiUpper()).isEqualTo(10_000);
    assertThat(c.otherShare()).isZero();
    assertThat(c.cr4()).isEqualTo(1.0);
  }

  @Test
  void equalSharesNormaliseToZero() {
    // Four members of 25%: 4 x 625 = 2,500; normalised (0.25 - 1/4) / (1 - 1/4) = 0.
    Concentration c =
        Concentration.of(
            List.of(
                new MemberShare("A", 0.25),
                new MemberShare("B", 0.25),
                new MemberShare("C", 0.25),
                new MemberShare("D", 0.25)));
    assertThat(c.hhiLower()).isCloseTo(2500, within(1e-9));
    assertThat(c.hhiNormalized()).isCloseTo(0.0, within(1e-12));
    assertThat(c.band2023()).isEqualTo("highly");
    assertThat(c.band2010()).isEqualTo("moderately");
    assertThat(c.cr1()).isCloseTo(0.25, within(1e-12));
    assertThat(c.topMember()).as("ties go to the first name").isEqualTo("A");
  }

  @Test
  void jiangsuDestinationsSpanTwoBandsBetweenTheBounds() {
    // Jiangsu 2012 offshore executed value: US 26.9%, JP 11.7%, TW 9.2%, HK 7.7%, named 55.5%,
    // remainder 44.5%. Lower 26.9² + 11.7² + 9.2² + 7.7² = 723.61 + 136.89 + 84.64 + 59.29 =
    // 1,004.43; upper + 44.5² = 2,984.68.
    Concentration c =
        Concentration.of(
            List.of(
                new MemberShare("US", 0.269),
                new MemberShare("JP", 0.117),
                new MemberShare("TW", 0.092),
                new MemberShare("HK", 0.077)));
    assertThat(c.hhiLower()).isCloseTo(1004.43, within(1e-6));
    assertThat(c.hhiUpper()).isCloseTo(2984.68, within(1e-6));
    assertThat(c.otherShare()).isCloseTo(0.445, within(1e-12));
    assertThat(c.band2023()).isEqualTo("moderately..highly");
    assertThat(c.band2010()).isEqualTo("unconcentrated..highly");
    assertThat(c.cr4()).isCloseTo(0.555, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({
    "999.99,unconcentrated,unconcentrated",
    "1000,moderately,unconcentrated",
    "1500,moderately,moderately",
    "1800,moderately,moderately",
    "1800.01,highly,moderately",
    "2500,highly,moderately",
    "2500.01,highly,highly"
  })
  void bandsFollowTheGuidelines(double hhi, String band2023, String band2010) {
    assertThat(Concentration.band2023(hhi)).isEqualTo(band2023);
    assertThat(Concentration.band2010(hhi)).isEqualTo(band2010);
  }

  @Test
  void noMembersIsAnError() {
    assertThatThrownBy(() -> Concentration.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
