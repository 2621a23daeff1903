package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** promtool checks the scrape configuration and the rules, and runs the rule unit tests (firing and not). */
class PrometheusRulesTest {

    @Test
    void configurationAndRulesAreValid() throws Exception {
        Promtool.Result config = Promtool.run(Promtool.PROMETHEUS_DIR, "check", "config", "prometheus.yml");
        assertEquals(0, config.exitCode(), config.output());
        assertTrue(config.output().contains("SUCCESS: 8 rules found"), config.output());
    }

    @Test
    void everyRuleFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
        Promtool.Result tests = Promtool.run(Promtool.PROMETHEUS_DIR, "test", "rules", "tests/ssi-alerts-test.yml");
        assertEquals(0, tests.exitCode(), tests.output());
        assertTrue(tests.output().contains("SUCCESS"), tests.output());
    }
}
