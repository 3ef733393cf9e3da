package io.ekms.ekm.backend.pkcs11;

import io.ekms.common.config.Misconfiguration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The few raw PKCS#11 calls SunPKCS11 does not offer through a public API: listing token labels
 * (SunPKCS11 selects a slot by id or list index only, and list indexes move when tokens are added),
 * asking a slot whether its token answers, and {@code C_Finalize}.
 *
 * <p>They go through the JDK's own wrapper ({@code sun.security.pkcs11.wrapper.PKCS11}), by
 * reflection so that the build needs no internal API; the JVM must run with {@code --add-exports
 * jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED} (the ekms launcher and the tests set
 * it). The wrapper keeps one initialised instance per library path string, which SunPKCS11
 * providers configured with the same path share.
 */
final class Cryptoki {
  static final String ADD_EXPORTS = "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
  private static final long CKF_OS_LOCKING_OK = 0x2L;
  private static final String PACKAGE = "sun.security.pkcs11.wrapper.";

  private final Object p11;
  private final Class<?> type;

  private Cryptoki(Object p11, Class<?> type) {
    this.p11 = p11;
    this.type = type;
  }

  /**
   * The wrapper instance for {@code libraryPath}, initialising the library (multi-threaded, OS
   * locking) when this path string is new to the process.
   */
  static Cryptoki load(String libraryPath) throws Pkcs11CallException {
    try {
      Class<?> type = Class.forName(PACKAGE + "PKCS11");
      Class<?> argsType = Class.forName(PACKAGE + "CK_C_INITIALIZE_ARGS");
      Object args = argsType.getConstructor().newInstance();
      argsType.getField("flags").setLong(args, CKF_OS_LOCKING_OK);
      Method getInstance =
          type.getMethod("getInstance", String.class, String.class, argsType, boolean.class);
      return new Cryptoki(invoke(getInstance, null, libraryPath, null, args, false), type);
    } catch (ReflectiveOperationException | IllegalAccessError e) {
      throw new Misconfiguration(
          "the PKCS#11 backend needs the JVM option --add-exports " + ADD_EXPORTS + ".", e);
    }
  }

  /** The slot ids of the present tokens labelled {@code label}, and every label seen. */
  record Slots(List<Long> matching, List<String> labels) {}

  Slots slotsLabelled(String label) throws Pkcs11CallException {
    List<Long> matching = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try {
      long[] slots = (long[]) invoke(type.getMethod("C_GetSlotList", boolean.class), p11, true);
      for (long slot : slots) {
        String found = tokenLabel(slot);
        labels.add(found);
        if (found.equals(label)) {
          matching.add(slot);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the JDK's PKCS#11 wrapper changed", e);
    }
    return new Slots(matching, labels);
  }

  /** The label of the token in {@code slot}; fails when the token does not answer. */
  String tokenLabel(long slot) throws Pkcs11CallException {
    try {
      Object info = invoke(type.getMethod("C_GetTokenInfo", long.class), p11, slot);
      return new String((char[]) info.getClass().getField("label").get(info)).strip();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the JDK's PKCS#11 wrapper changed", e);
    }
  }

  /** Ends this process's use of the library (all its sessions); errors are ignored. */
  void finalizeLibrary() {
    try {
      invoke(type.getMethod("C_Finalize", Object.class), p11, (Object) null);
    } catch (ReflectiveOperationException | Pkcs11CallException e) {
      // Already finalised or the device is gone: either way the next load starts afresh.
    }
  }

  private static Object invoke(Method method, Object target, Object... args)
      throws ReflectiveOperationException, Pkcs11CallException {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw new Pkcs11CallException(e.getCause());
    }
  }

  /** A PKCS#11 call failed; the message starts with the {@code CKR_} name. */
  static final class Pkcs11CallException extends Exception {
    Pkcs11CallException(Throwable cause) {
      super(String.valueOf(cause.getMessage()), cause);
    }
  }
}
