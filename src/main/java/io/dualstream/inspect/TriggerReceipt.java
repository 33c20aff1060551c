package io.dualstream.inspect;

import io.dualstream.inspect.output.SnapshotRecord;
import java.util.concurrent.CompletableFuture;

/**
 * An external trigger the camera accepted: its number, the files' name it will have, and the
 * snapshot being written.
 *
 * @param camera    camera name
 * @param sequence  1-based count of the camera's triggers
 * @param baseName  the files' common name ({@code NAME.jpg}, {@code NAME.json}) in the camera's folder
 * @param snapshot  completes with the sidecar's record once the files are written, or exceptionally
 *                  with why not (no main frame within the snapshot timeout, a disk error)
 */
public record TriggerReceipt(String camera, int sequence, String baseName, CompletableFuture<SnapshotRecord> snapshot) {
}
