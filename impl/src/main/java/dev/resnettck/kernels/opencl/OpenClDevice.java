package dev.resnettck.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL device the kernels run on, with its context and in-order queue, opened once per
 * process. A GPU is preferred over other devices; {@value #PROPERTY} picks one by a substring of its
 * platform or device name. Where no platform, device or driver is found, or the JVM runs without
 * signal chaining ({@link SignalChaining}), {@link #unavailableReason()} says why and nothing else
 * is touched.
 */
public final class OpenClDevice {
    /** System property: a substring of the platform or device name to run on. */
    public static final String PROPERTY = "tck.opencl.device";
    /** System property: the side of the square work-group tile. */
    public static final String TILE_PROPERTY = "tck.opencl.tile";

    private static final Object LOCK = new Object();
    private static OpenClDevice shared;
    private static String failure;

    final cl_context context;
    final cl_command_queue queue;
    final cl_device_id device;
    private final String platformName;
    private final String deviceName;
    private final String version;
    private final String driver;
    private final long maxWorkGroupSize;
    private final boolean float64;

    private OpenClDevice(cl_platform_id platform, cl_device_id device) {
        this.device = device;
        this.platformName = platformString(platform, CL_PLATFORM_NAME);
        this.deviceName = deviceString(device, CL_DEVICE_NAME);
        this.version = deviceString(device, CL_DEVICE_VERSION);
        this.driver = deviceString(device, CL_DRIVER_VERSION);
        this.float64 = deviceString(device, CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64");
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(size), null);
        this.maxWorkGroupSize = size[0];
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, platform);
        this.context = CL.clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
        @SuppressWarnings("deprecation") // clCreateCommandQueueWithProperties needs OpenCL 2.0; 1.2 devices are common
        cl_command_queue q = CL.clCreateCommandQueue(context, device, 0, null);
        this.queue = q;
    }

    /** The device, opened on first use. */
    public static OpenClDevice shared() {
        synchronized (LOCK) {
            if (shared == null && failure == null) {
                open();
            }
            if (shared == null) {
                throw new IllegalStateException("OpenCL is unavailable: " + failure);
            }
            return shared;
        }
    }

    /** Empty when a device opened; otherwise why none could be (no driver, no platform, no device). */
    public static Optional<String> unavailableReason() {
        synchronized (LOCK) {
            if (shared == null && failure == null) {
                open();
            }
            return Optional.ofNullable(failure);
        }
    }

    private static void open() {
        Optional<String> noChaining = SignalChaining.missing();
        if (noChaining.isPresent()) {
            failure = noChaining.get();
            return;
        }
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            if (count[0] == 0) {
                failure = "no OpenCL platform is installed (on Debian: apt-get install pocl-opencl-icd)";
                return;
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            CL.clGetPlatformIDs(platforms.length, platforms, null);
            String wanted = System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT);
            List<String> seen = new ArrayList<>();
            cl_platform_id bestPlatform = null;
            cl_device_id best = null;
            boolean bestIsGpu = false;
            for (cl_platform_id platform : platforms) {
                for (cl_device_id device : devices(platform)) {
                    String name = platformString(platform, CL_PLATFORM_NAME) + " / " + deviceString(device, CL_DEVICE_NAME);
                    seen.add(name);
                    long[] type = new long[1];
                    CL.clGetDeviceInfo(device, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
                    boolean gpu = (type[0] & CL_DEVICE_TYPE_GPU) != 0;
                    boolean matches = wanted.isEmpty() || name.toLowerCase(Locale.ROOT).contains(wanted);
                    if (matches && (best == null || (gpu && !bestIsGpu))) {
                        bestPlatform = platform;
                        best = device;
                        bestIsGpu = gpu;
                    }
                }
            }
            if (best == null) {
                failure = seen.isEmpty() ? "the OpenCL platforms found have no devices"
                        : "no OpenCL device matches -D" + PROPERTY + "=" + wanted + "; found " + seen;
                return;
            }
            shared = new OpenClDevice(bestPlatform, best);
        } catch (LinkageError | RuntimeException e) {
            // no libOpenCL (UnsatisfiedLinkError), no ICD loader configuration (CL_PLATFORM_NOT_FOUND_KHR), ...
            failure = "no usable OpenCL driver: " + e;
        }
    }

    private static List<cl_device_id> devices(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (RuntimeException e) {
            return List.of(); // CL_DEVICE_NOT_FOUND
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        return List.of(ids);
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    /** "platform / device (OpenCL version, driver version)". */
    public String describe() {
        return platformName + " / " + deviceName + " (" + version + ", driver " + driver + ")";
    }

    public boolean supportsFloat64() {
        return float64;
    }

    /**
     * The square work-group tile of the GEMM kernels: {@value #TILE_PROPERTY} if set, else the largest
     * of 32, 16 and 8 whose square is at most a quarter of the device's work-group limit (CPU drivers
     * such as PoCL allow 4096 and get 32; GPUs usually allow 1024 and get 16).
     */
    public int tile() {
        int fallback = maxWorkGroupSize >= 4096 ? 32 : maxWorkGroupSize >= 1024 ? 16 : 8;
        int wanted = Integer.getInteger(TILE_PROPERTY, fallback);
        if (wanted < 1 || (long) wanted * wanted > maxWorkGroupSize) {
            throw new IllegalArgumentException("-D" + TILE_PROPERTY + "=" + wanted + " needs work-groups of "
                    + (long) wanted * wanted + " but " + deviceName + " allows " + maxWorkGroupSize);
        }
        return wanted;
    }
}
