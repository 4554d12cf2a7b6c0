package dev.resnettck.tck.layers;

import dev.resnettck.tck.rules.Check;
import java.util.ArrayList;
import java.util.List;

/** Every layer entry, and the generic checks they expand into. */
public final class LayerCatalogue {
    private LayerCatalogue() {
    }

    public static List<LayerSpec<?>> specs() {
        return List.of(Conv2dSpec.spec(), BatchNorm2dSpec.spec(), ReluSpec.spec(), MaxPool2dSpec.spec(),
                GlobalAvgPool2dSpec.spec(), FlattenSpec.spec(), LinearSpec.spec(), IdentitySpec.spec(),
                SequentialSpec.spec());
    }

    public static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (LayerSpec<?> spec : specs()) {
            for (LayerCheckKind kind : LayerCheckKind.values()) {
                if (kind == LayerCheckKind.ARGS && spec.invalidArguments().isEmpty()
                        || kind == LayerCheckKind.WIDE && spec.wide() == null) {
                    continue; // nothing to try: no rule, rather than one that cannot fail
                }
                checks.add(new LayerCheck<>(spec, kind));
            }
        }
        return checks;
    }
}
