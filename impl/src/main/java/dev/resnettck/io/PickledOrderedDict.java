package dev.resnettck.io;

import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * {@code collections.OrderedDict} as the unpickler builds it. Public because the unpickler calls
 * {@link #__setstate__} reflectively when a pickle BUILDs the dict (torch attaches {@code _metadata}).
 */
public final class PickledOrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    /** torch's {@code _metadata} (module versions): nothing in it is needed to rebuild tensors. */
    public void __setstate__(HashMap<?, ?> state) {
        // deliberately ignored
    }
}
