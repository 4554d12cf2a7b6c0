// resnet-tck's OpenCL kernels. One work-item per output element (the mapping of TornadoVM's
// @Parallel loops); the convolutions and the GEMM tile their reduction through local memory in
// TS x TS work-groups. Built with -DTS=<tile> and, for float64 accumulation, -DACC_DOUBLE.
// Every sum runs in acc_t and is rounded to float once, as in impl's plain and fast kernels.

#ifdef ACC_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
// the strict build keeps IEEE semantics: no fused multiply-adds the source did not ask for
#pragma OPENCL FP_CONTRACT OFF
typedef double acc_t;
#else
typedef float acc_t;
#endif

#ifndef TS
#define TS 16
#endif

// out (n, oc, oh, ow) = conv(x (n, c, h, w), w (oc, c, kh, kw)) + bias.
// A GEMM: rows = oc, columns = n*oh*ow, reduction k = (ci, i, j) gathered from x on the fly.
// tapOffset[k] = ci*h*w + i*w + j and tapRowCol[k] = i << 16 | j, precomputed so that the gather
// divides nothing.
__kernel void conv_forward(__global const float* x, __global const float* wt, __global const float* bias,
                           int hasBias, __global float* out, __global const int* tapOffset,
                           __global const int* tapRowCol, int n, int c, int h, int w, int oc, int kh, int kw,
                           int sh, int sw, int ph, int pw, int oh, int ow) {
    __local acc_t As[TS][TS];
    __local acc_t Bs[TS][TS];
    const int col = get_global_id(0), row = get_global_id(1);
    const int lc = get_local_id(0), lr = get_local_id(1);
    const int K = c * kh * kw, N = n * oh * ow;
    const int b = col / (oh * ow), oy = (col / ow) % oh, ox = col % ow;
    const int y0 = oy * sh - ph, x0 = ox * sw - pw, base = b * c * h * w + y0 * w + x0;
    acc_t acc = 0;
    for (int k0 = 0; k0 < K; k0 += TS) {
        const int ka = k0 + lc;
        As[lr][lc] = (row < oc && ka < K) ? wt[row * K + ka] : 0.0f;
        const int kb = k0 + lr;
        float v = 0.0f;
        if (col < N && kb < K) {
            const int rc = tapRowCol[kb], iy = y0 + (rc >> 16), ix = x0 + (rc & 0xffff);
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                v = x[base + tapOffset[kb]];
            }
        }
        Bs[lr][lc] = v;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TS; kk++) {
            acc += As[lr][kk] * Bs[kk][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < oc && col < N) {
        if (hasBias) {
            acc += (acc_t) bias[row];
        }
        out[((b * oc + row) * oh + oy) * ow + ox] = (float) acc;
    }
}

// dx (n, c, h, w): rows = ci, columns = n*h*w, reduction k = (o, i, j) over the outputs whose
// window holds (iy, ix) through tap (i, j); taps that fall between strides contribute zero.
__kernel void conv_backward_input(__global const float* dy, __global const float* wt, __global float* dx,
                                  int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw,
                                  int oh, int ow) {
    __local acc_t As[TS][TS];
    __local acc_t Bs[TS][TS];
    const int col = get_global_id(0), row = get_global_id(1);
    const int lc = get_local_id(0), lr = get_local_id(1);
    const int K = oc * kh * kw, N = n * h * w, taps = kh * kw;
    const int b = col / (h * w), iy = (col / w) % h, ix = col % w;
    acc_t acc = 0;
    for (int k0 = 0; k0 < K; k0 += TS) {
        const int ka = k0 + lc;
        float a = 0.0f;
        if (row < c && ka < K) {
            const int o = ka / taps, i = (ka % taps) / kw, j = ka % kw;
            a = wt[((o * c + row) * kh + i) * kw + j];
        }
        As[lr][lc] = a;
        const int kb = k0 + lr;
        float v = 0.0f;
        if (col < N && kb < K) {
            const int o = kb / taps, i = (kb % taps) / kw, j = kb % kw;
            const int ty = iy + ph - i, tx = ix + pw - j;
            if (ty >= 0 && tx >= 0 && ty % sh == 0 && tx % sw == 0 && ty / sh < oh && tx / sw < ow) {
                v = dy[((b * oc + o) * oh + ty / sh) * ow + tx / sw];
            }
        }
        Bs[lr][lc] = v;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TS; kk++) {
            acc += As[lr][kk] * Bs[kk][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < c && col < N) {
        dx[((b * c + row) * h + iy) * w + ix] = (float) acc;
    }
}

// dw (oc, c*kh*kw): rows = o, columns = k = (ci, i, j), reduction over every output position
// p = (b, oy, ox) of dy (o, p) times the input value tap k reads at p.
__kernel void conv_backward_weight(__global const float* dy, __global const float* x, __global float* dw,
                                   int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw,
                                   int oh, int ow) {
    __local acc_t As[TS][TS];
    __local acc_t Bs[TS][TS];
    const int col = get_global_id(0), row = get_global_id(1);
    const int lc = get_local_id(0), lr = get_local_id(1);
    const int K = c * kh * kw, plane = oh * ow, P = n * plane, taps = kh * kw;
    const int ci = col / taps, i = (col % taps) / kw, j = col % kw;
    acc_t acc = 0;
    for (int p0 = 0; p0 < P; p0 += TS) {
        const int pa = p0 + lc;
        As[lr][lc] = (row < oc && pa < P) ? dy[((pa / plane) * oc + row) * plane + pa % plane] : 0.0f;
        const int pb = p0 + lr;
        float v = 0.0f;
        if (col < K && pb < P) {
            const int b = pb / plane, oy = (pb % plane) / ow, ox = pb % ow;
            const int iy = oy * sh - ph + i, ix = ox * sw - pw + j;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                v = x[((b * c + ci) * h + iy) * w + ix];
            }
        }
        Bs[lr][lc] = v;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TS; kk++) {
            acc += As[lr][kk] * Bs[kk][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < oc && col < K) {
        dw[row * K + col] = (float) acc;
    }
}

// C (m, nn) = A (m, k) * B (k, nn) + bias (nn), A and B read through element strides, so the
// three passes of Linear are one kernel.
__kernel void gemm(__global const float* A, int sam, int sak, __global const float* B, int sbk, int sbn,
                   __global const float* bias, int hasBias, __global float* C, int m, int nn, int k) {
    __local acc_t As[TS][TS];
    __local acc_t Bs[TS][TS];
    const int col = get_global_id(0), row = get_global_id(1);
    const int lc = get_local_id(0), lr = get_local_id(1);
    acc_t acc = 0;
    for (int k0 = 0; k0 < k; k0 += TS) {
        const int ka = k0 + lc, kb = k0 + lr;
        As[lr][lc] = (row < m && ka < k) ? A[row * sam + ka * sak] : 0.0f;
        Bs[lr][lc] = (col < nn && kb < k) ? B[kb * sbk + col * sbn] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TS; kk++) {
            acc += As[lr][kk] * Bs[kk][lc];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < m && col < nn) {
        if (hasBias) {
            acc += (acc_t) bias[col];
        }
        C[row * nn + col] = (float) acc;
    }
}

// Per channel of x (n, c, plane): mean and biased variance (two passes). One work-item per channel.
__kernel void bn_stats(__global const float* x, __global acc_t* mean, __global acc_t* var, int n, int c, int plane) {
    const int ch = get_global_id(0);
    if (ch >= c) {
        return;
    }
    acc_t sum = 0;
    for (int b = 0; b < n; b++) {
        for (int i = 0; i < plane; i++) {
            sum += x[(b * c + ch) * plane + i];
        }
    }
    const acc_t m = sum / ((acc_t) n * plane);
    acc_t squares = 0;
    for (int b = 0; b < n; b++) {
        for (int i = 0; i < plane; i++) {
            const acc_t d = x[(b * c + ch) * plane + i] - m;
            squares += d * d;
        }
    }
    mean[ch] = m;
    var[ch] = squares / ((acc_t) n * plane);
}

// y = (x - mean) / sqrt(var + eps) * gamma + beta, one work-item per element.
__kernel void bn_apply(__global const float* x, __global const acc_t* mean, __global const acc_t* var,
                       __global const float* gamma, __global const float* beta, acc_t eps, __global float* y,
                       int c, int plane, int total) {
    const int e = get_global_id(0);
    if (e >= total) {
        return;
    }
    const int ch = (e / plane) % c;
    const acc_t invStd = 1 / sqrt(var[ch] + eps);
    y[e] = (float) ((x[e] - mean[ch]) * invStd * gamma[ch] + beta[ch]);
}

// Per channel: sum(dy) and sum(dy * xhat), which are dbeta and dgamma. One work-item per channel.
__kernel void bn_backward_sums(__global const float* dy, __global const float* x, __global const acc_t* mean,
                               __global const acc_t* var, acc_t eps, __global acc_t* sumDy,
                               __global acc_t* sumDyXhat, int n, int c, int plane) {
    const int ch = get_global_id(0);
    if (ch >= c) {
        return;
    }
    const acc_t invStd = 1 / sqrt(var[ch] + eps);
    acc_t s = 0, sx = 0;
    for (int b = 0; b < n; b++) {
        for (int i = 0; i < plane; i++) {
            const int e = (b * c + ch) * plane + i;
            s += dy[e];
            sx += dy[e] * ((x[e] - mean[ch]) * invStd);
        }
    }
    sumDy[ch] = s;
    sumDyXhat[ch] = sx;
}

// dx, one work-item per element; in training the batch statistics depend on x, so the mean
// gradient and its projection on xhat are subtracted.
__kernel void bn_backward_input(__global const float* dy, __global const float* x, __global const acc_t* mean,
                                __global const acc_t* var, __global const float* gamma, acc_t eps,
                                __global const acc_t* sumDy, __global const acc_t* sumDyXhat, int training,
                                __global float* dx, int n, int c, int plane, int total) {
    const int e = get_global_id(0);
    if (e >= total) {
        return;
    }
    const int ch = (e / plane) % c;
    const acc_t invStd = 1 / sqrt(var[ch] + eps);
    const acc_t count = (acc_t) n * plane;
    acc_t g = dy[e];
    if (training) {
        const acc_t xhat = (x[e] - mean[ch]) * invStd;
        g = g - sumDy[ch] / count - xhat * sumDyXhat[ch] / count;
    }
    dx[e] = (float) (gamma[ch] * invStd * g);
}

// Max pooling with -inf padding, one work-item per output. The first of tied maxima wins and a
// NaN wins over any number (torch's rules); argmax is the flat index in the input plane.
__kernel void maxpool_forward(__global const float* x, __global float* y, __global int* argmax, int planes, int h,
                              int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow) {
    const int o = get_global_id(0);
    if (o >= planes * oh * ow) {
        return;
    }
    const int p = o / (oh * ow), oy = (o / ow) % oh, ox = o % ow;
    float best = -INFINITY;
    int bestRow = -1, bestCol = -1;
    for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
            const int row = oy * sh - ph + i, col = ox * sw - pw + j;
            const float v = (row >= 0 && row < h && col >= 0 && col < w) ? x[(p * h + row) * w + col] : -INFINITY;
            if (v > best || isnan(v) || bestRow < 0) {
                best = v;
                bestRow = row;
                bestCol = col;
                if (isnan(v)) {
                    i = kh;
                    break;
                }
            }
        }
    }
    y[o] = best;
    argmax[o] = clamp(bestRow, 0, h - 1) * w + clamp(bestCol, 0, w - 1);
}

// dx: each input element gathers, in output order, the gradients of the windows that chose it.
__kernel void maxpool_backward(__global const float* dy, __global const int* argmax, __global float* dx,
                               int planes, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh,
                               int ow) {
    const int e = get_global_id(0);
    if (e >= planes * h * w) {
        return;
    }
    const int p = e / (h * w), iy = (e / w) % h, ix = e % w, flat = iy * w + ix;
    const int y0 = max(0, (iy + ph - kh + sh) / sh), y1 = min(oh - 1, (iy + ph) / sh);
    const int x0 = max(0, (ix + pw - kw + sw) / sw), x1 = min(ow - 1, (ix + pw) / sw);
    acc_t acc = 0;
    for (int oy = y0; oy <= y1; oy++) {
        for (int ox = x0; ox <= x1; ox++) {
            const int o = (p * oh + oy) * ow + ox;
            if (argmax[o] == flat) {
                acc += dy[o];
            }
        }
    }
    dx[e] = (float) acc;
}

// Mean over each (h, w) plane, one work-item per plane.
__kernel void avgpool_forward(__global const float* x, __global float* y, int planes, int plane) {
    const int p = get_global_id(0);
    if (p >= planes) {
        return;
    }
    acc_t sum = 0;
    for (int i = 0; i < plane; i++) {
        sum += x[p * plane + i];
    }
    y[p] = (float) (sum / plane);
}

// Each plane's gradient spread evenly over its elements, one work-item per element.
__kernel void avgpool_backward(__global const float* dy, __global float* dx, int plane, int total) {
    const int e = get_global_id(0);
    if (e >= total) {
        return;
    }
    dx[e] = (float) ((acc_t) dy[e / plane] / plane);
}
