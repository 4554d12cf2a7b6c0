package dev.resnettck.tck.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A golden case set's manifest ({@code <set>.json} beside {@code <set>.safetensors}): what
 * produced it, with which reference and precision, its seed, the pass rule, the data file's
 * SHA-256, and every case with its arguments and the tensors it holds.
 */
public record Manifest(String set, String generator, String reference, String precision, long seed, String tolerance,
                       String file, String sha256, List<Entry> cases, Map<String, String> pins) {

    /** One case: its name (the prefix of its tensors in the file), arguments, mode and tensor names. */
    public record Entry(String name, JsonNode args, boolean training, boolean backward, List<String> tensors) {
    }
}
