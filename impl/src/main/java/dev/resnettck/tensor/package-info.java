/** The strided float32 tensor the suite and every implementation exchange. */
package dev.resnettck.tensor;
