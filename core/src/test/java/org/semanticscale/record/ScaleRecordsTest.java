package org.semanticscale.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScaleRecordsTest {

    @Test
    void roundTripsWithNaNAsNull() {
        ScaleRecord r = new ScaleRecord(
                "cat", 12, 3.5, Double.NaN, Double.NaN, Double.NaN, 0.25, 1.5, true, false, 40, 1000, 2000);
        String json = ScaleRecords.toJson(r);
        assertTrue(json.contains("\"scale\":null"), json);
        ScaleRecord back = ScaleRecords.fromJson(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(r, back);
    }

    @Test
    void garbageIsAFormatError() {
        assertThrows(RecordFormatException.class, () -> ScaleRecords.fromJson("{".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                RecordFormatException.class, () -> ScaleRecords.fromJson("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));
    }
}
