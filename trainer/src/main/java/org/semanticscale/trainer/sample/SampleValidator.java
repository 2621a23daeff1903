package org.semanticscale.trainer.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.Records;

/**
 * Turns the bytes of a record on {@code ssi.samples} into a {@link Sample} or a refusal with a
 * reason. Never throws on bad input: whatever arrives gets an answer.
 *
 * <p>Refused are records the record format refuses (binary or JSON; its reasons such as
 * {@code unreadable}, {@code truncated}, {@code non-finite}), samples whose shape the model cannot
 * take ({@value #WRONG_SHAPE}) and labels outside the configured classes ({@value #UNKNOWN_LABEL}).
 */
public final class SampleValidator {
    public static final String WRONG_SHAPE = "wrong-shape";
    public static final String UNKNOWN_LABEL = "unknown-label";
    /** Every reason a sample can be refused for: bounded, so each can be a metric tag. */
    public static final List<String> REASONS;

    static {
        List<String> reasons = new ArrayList<>();
        for (RecordFormatException.Reason r : RecordFormatException.Reason.values()) {
            reasons.add(r.code());
        }
        reasons.add(WRONG_SHAPE);
        reasons.add(UNKNOWN_LABEL);
        REASONS = List.copyOf(reasons);
    }

    private final InputShape inputShape;
    private final ClassIndex classes;

    public SampleValidator(InputShape inputShape, ClassIndex classes) {
        this.inputShape = inputShape;
        this.classes = classes;
    }

    /**
     * Checks one record.
     *
     * @param key      the record's key (the sample id by convention), may be null
     * @param value    the record's value, may be null
     * @param fallbackId the id to use when neither the value nor the key names the sample (built only then)
     */
    public SampleCheck check(byte[] key, byte[] value, Supplier<String> fallbackId) {
        LabelledTensor tensor;
        try {
            tensor = Records.decodeSample(value);
        } catch (RecordFormatException e) {
            return new SampleCheck.Rejected(e.reason().code(), e.getMessage());
        } catch (RuntimeException e) {
            // The record readers promise RecordFormatException; anything else is still a bad record, not a crash.
            return new SampleCheck.Rejected(
                    RecordFormatException.Reason.UNREADABLE.code(), String.valueOf(e.getMessage()));
        }
        if (!inputShape.accepts(tensor.shape())) {
            return new SampleCheck.Rejected(
                    WRONG_SHAPE,
                    "shape " + Arrays.toString(tensor.shape()) + " does not fit the model's input shape [" + inputShape
                            + "]");
        }
        int classIndex = classes.indexOf(tensor.label());
        if (classIndex < 0) {
            return new SampleCheck.Rejected(
                    UNKNOWN_LABEL,
                    "label '" + tensor.label() + "' is not among the configured classes " + classes.labels());
        }
        return new SampleCheck.Accepted(
                new Sample(idOf(tensor, key, fallbackId), tensor.label(), classIndex, tensor.data()));
    }

    private static String idOf(LabelledTensor tensor, byte[] key, Supplier<String> fallbackId) {
        if (!tensor.sampleId().isEmpty()) {
            return tensor.sampleId();
        }
        // A key too long for the feature record's sample id field is not used as the id.
        if (key != null && key.length > 0 && key.length <= BinaryRecords.MAX_TEXT_BYTES) {
            return new String(key, StandardCharsets.UTF_8);
        }
        return fallbackId.get();
    }
}
