package org.semanticscale.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StageScheduleTest {
    @Test
    void fillThenRefreshThenBalanceBySamplesTrained() {
        StageSchedule s = new StageSchedule(100, 400);
        assertEquals(Stage.FILL, s.stageAt(0, Stage.FILL));
        assertEquals(Stage.FILL, s.stageAt(99, Stage.FILL));
        assertEquals(Stage.REFRESH, s.stageAt(100, Stage.FILL));
        assertEquals(Stage.REFRESH, s.stageAt(499, Stage.FILL));
        assertEquals(Stage.BALANCE, s.stageAt(500, Stage.REFRESH));
        assertEquals(500, s.balanceFrom());
    }

    @Test
    void stagesNeverGoBack() {
        assertEquals(Stage.BALANCE, new StageSchedule(100, 400).stageAt(10, Stage.BALANCE));
    }

    @Test
    void zeroBoundsBalanceFromTheStart() {
        assertEquals(Stage.BALANCE, new StageSchedule(0, 0).stageAt(0, Stage.FILL));
        assertEquals(Stage.REFRESH, new StageSchedule(0, 10).stageAt(0, Stage.FILL));
    }
}
