package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.semanticscale.trainer.loss.LossType;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * The methods {@code ssi experiment} knows: each of the trainer's six losses plain, with
 * Class-Balanced weights ({@code cb-}), with DSB weights from the streamed semantic scales of the model's
 * features ({@code dsb-}) and with DSB weights from the streamed scales of the raw samples, the input view
 * ({@code dsb-input-}). The paper's names: CE, focal, LDAM, balanced softmax (bs), NormSoftmax (nsm) and
 * SoftTriple (st).
 */
public final class MethodCatalogue {
    /** Short name of each loss, in the order methods are listed. */
    private static final Map<String, LossType> LOSSES = losses();
    /** Every method by name, plain / cb- / dsb- / dsb-input- for each loss in turn. */
    private static final Map<String, Method> METHODS = methods();

    private MethodCatalogue() {}

    private static Map<String, LossType> losses() {
        Map<String, LossType> m = new LinkedHashMap<>();
        m.put("ce", LossType.CE);
        m.put("focal", LossType.FOCAL);
        m.put("ldam", LossType.LDAM);
        m.put("bs", LossType.BALANCED_SOFTMAX);
        m.put("nsm", LossType.NORM_SOFTMAX);
        m.put("st", LossType.SOFTTRIPLE);
        return m;
    }

    private static Map<String, Method> methods() {
        Map<String, Method> m = new LinkedHashMap<>();
        LOSSES.forEach((name, loss) -> {
            m.put(name, new Method(name, loss, LossWeighting.NONE));
            m.put("cb-" + name, new Method("cb-" + name, loss, LossWeighting.CLASS_BALANCED));
            m.put("dsb-" + name, new Method("dsb-" + name, loss, LossWeighting.DSB));
            m.put("dsb-input-" + name, new Method("dsb-input-" + name, loss, LossWeighting.DSB_INPUT));
        });
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every method name, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(METHODS.keySet());
    }

    /** The method of a name (case-insensitive). */
    public static Method byName(String name) {
        Method m = METHODS.get(name.trim().toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException(
                    "unknown method '" + name.trim() + "': valid methods are " + String.join(", ", names()));
        }
        return m;
    }

    /**
     * The methods of a comma-separated list, in the order given.
     *
     * @throws IllegalArgumentException for an empty list, an unknown name (the message lists the valid ones) or a repeat
     */
    public static List<Method> parse(String list) {
        List<Method> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Method m = byName(part);
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("method '" + m.name() + "' is listed twice");
            }
            out.add(m);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no methods given: name at least one of " + String.join(", ", names()));
        }
        return out;
    }
}
