package io.dualstream.inspect;

/** Makes the detector of one camera; called once per camera when the runtime starts it. */
@FunctionalInterface
public interface DetectorFactory {
    Detector create(CameraSettings camera);
}
