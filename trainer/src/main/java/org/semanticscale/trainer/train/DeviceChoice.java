package org.semanticscale.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Where the model runs (configuration key {@code trainer.device}). The GPU count is DJL's own: the
 * PyTorch engine sees a GPU only with CUDA natives (the {@code cuda} Maven profile) and a driver.
 */
public enum DeviceChoice {
    /** A GPU when the engine reports one, else the CPU. */
    AUTO("auto"),
    CPU("cpu"),
    /** A GPU, or a clear error when the engine sees none. */
    GPU("gpu");

    private final String configName;

    DeviceChoice(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The device to train on, asking the engine (which loads it: call {@link DjlEnvironment#prepare()} first). */
    public Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("trainer.device=gpu but the " + engine.getEngineName() + " engine "
                            + engine.getVersion()
                            + " sees no GPU: build with 'mvn -Pcuda ...' (CUDA 12.4 natives) on a machine "
                            + "with an NVIDIA driver for CUDA 12.4, or set trainer.device=auto or cpu");
                }
                yield Device.gpu();
            }
        };
    }
}
