package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semanticscale.trainer.loss.LossType;
import org.semanticscale.trainer.weights.LossWeighting;

class MethodCatalogueTest {

    @Test
    void everyLossComesPlainClassBalancedDsbAndDsbOfTheInputView() {
        List<String> names = MethodCatalogue.names();
        assertEquals(24, names.size());
        assertEquals(List.of("ce", "cb-ce", "dsb-ce", "dsb-input-ce"), names.subList(0, 4));
        for (String loss : List.of("ce", "focal", "ldam", "bs", "nsm", "st")) {
            assertTrue(names.containsAll(List.of(loss, "cb-" + loss, "dsb-" + loss, "dsb-input-" + loss)), loss);
        }
    }

    @Test
    void namesMapToTheTrainersLossAndWeighting() {
        assertEquals(new Method("dsb-ce", LossType.CE, LossWeighting.DSB), MethodCatalogue.byName("dsb-ce"));
        assertEquals(
                new Method("cb-focal", LossType.FOCAL, LossWeighting.CLASS_BALANCED),
                MethodCatalogue.byName("cb-focal"));
        assertEquals(
                new Method("dsb-input-ce", LossType.CE, LossWeighting.DSB_INPUT),
                MethodCatalogue.byName("dsb-input-ce"));
        assertEquals(
                java.util.Map.of("loss.type", "ldam", "loss.weighting", "dsb-input"),
                MethodCatalogue.byName("dsb-input-ldam").trainerSettings());
        assertEquals(LossType.BALANCED_SOFTMAX, MethodCatalogue.byName("bs").loss());
        assertEquals(LossType.NORM_SOFTMAX, MethodCatalogue.byName("dsb-nsm").loss());
        assertEquals(LossType.SOFTTRIPLE, MethodCatalogue.byName("st").loss());
        assertEquals(LossType.LDAM, MethodCatalogue.byName("DSB-LDAM").loss(), "case does not matter");
        assertEquals(
                java.util.Map.of("loss.type", "focal", "loss.weighting", "dsb"),
                MethodCatalogue.byName("dsb-focal").trainerSettings());
        assertTrue(MethodCatalogue.byName("ce").isPlainCrossEntropy());
        assertFalse(MethodCatalogue.byName("cb-ce").isPlainCrossEntropy());
        assertFalse(MethodCatalogue.byName("focal").isPlainCrossEntropy());
    }

    @Test
    void aListKeepsItsOrderAndIgnoresBlanks() {
        assertEquals(
                List.of("dsb-ce", "ce", "focal"),
                MethodCatalogue.parse(" dsb-ce, ce,,focal ").stream()
                        .map(Method::name)
                        .toList());
    }

    @Test
    void anUnknownMethodNamesTheValidOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MethodCatalogue.parse("ce,dsb-xe"));
        assertTrue(e.getMessage().contains("unknown method 'dsb-xe'"), e.getMessage());
        assertTrue(e.getMessage().contains("ce, cb-ce, dsb-ce, dsb-input-ce, focal"), e.getMessage());
        assertTrue(e.getMessage().contains("dsb-st"), e.getMessage());
    }

    @Test
    void repeatsAndEmptyListsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodCatalogue.parse("ce,CE"))
                .getMessage()
                .contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodCatalogue.parse(" , "))
                .getMessage()
                .contains("no methods"));
    }
}
