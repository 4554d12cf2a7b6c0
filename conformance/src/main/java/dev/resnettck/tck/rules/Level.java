package dev.resnettck.tck.rules;

/** Whether a failing rule fails the certificate (REQUIRED) or is only reported (OPTIONAL). */
public enum Level {
    REQUIRED,
    OPTIONAL
}
