package org.semanticscale.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScaleRecordsTest {

    @Test
    void roundTripsWithNaNAsNull() {
        ScaleRecord r = new ScaleRecord(
                "cat",
                12,
                3.5,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0.25,
                1.5,
                true,
                false,
                40,
                1000,
                2000,
                Double.NaN,
                false,
                Double.NaN);
        String json = ScaleRecords.toJson(r);
        assertTrue(json.contains("\"scale\":null"), json);
        ScaleRecord back = ScaleRecords.fromJson(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(r, back);
    }

    @Test
    void roundTripsTheCollapseAndSaturationFigures() {
        ScaleRecord r = new ScaleRecord(
                "shirt", 400, 61.5, 0.7, 1.2, 0.84, 0.11, 1.0, false, false, 9, 1000, 2000, 95.25, true, 0.031);
        String json = ScaleRecords.toJson(r);
        assertTrue(
                json.contains("\"baselineVolume\":95.25")
                        && json.contains("\"collapsed\":true")
                        && json.contains("\"saturationGain\":0.031"),
                json);
        assertEquals(r, ScaleRecords.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        ScaleRecord none = new ScaleRecord(
                "bag",
                3,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                1.0,
                false,
                false,
                9,
                0,
                0,
                Double.NaN,
                false,
                Double.NaN);
        assertTrue(ScaleRecords.toJson(none)
                .contains("\"baselineVolume\":null,\"collapsed\":false,\"saturationGain\":null"));
    }

    @Test
    void aRecordPublishedBeforeTheNewFieldsReadsAsNoBaselineNotCollapsedAndNoGain() {
        String old = "{\"label\":\"cat\",\"n\":12,\"volume\":3.5,\"volumeNormalized\":1.0,\"distanceWeight\":1.0,"
                + "\"scale\":1.0,\"weight\":0.5,\"classBalancedWeight\":1.0,\"saturated\":true,"
                + "\"underrepresented\":false,\"modelVersion\":4,\"windowStart\":10,\"windowEnd\":20}";
        ScaleRecord r = ScaleRecords.fromJson(old.getBytes(StandardCharsets.UTF_8));
        assertTrue(Double.isNaN(r.baselineVolume()));
        assertFalse(r.collapsed());
        assertTrue(Double.isNaN(r.saturationGain()));
        assertEquals(
                new ScaleRecord(
                        "cat", 12, 3.5, 1.0, 1.0, 1.0, 0.5, 1.0, true, false, 4, 10, 20, Double.NaN, false, Double.NaN),
                r);
    }

    @Test
    void garbageIsAFormatError() {
        assertThrows(RecordFormatException.class, () -> ScaleRecords.fromJson("{".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                RecordFormatException.class, () -> ScaleRecords.fromJson("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));
    }
}
