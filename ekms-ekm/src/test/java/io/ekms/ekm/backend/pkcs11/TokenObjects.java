package io.ekms.ekm.backend.pkcs11;

import io.ekms.testing.SoftHsm;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a token object's attributes straight through the JDK's PKCS#11 wrapper, beside SunPKCS11,
 * so tests can see what the token itself says about a key (not what the provider reports).
 */
final class TokenObjects {
  static final long CKA_TOKEN = 0x1L;
  static final long CKA_PRIVATE = 0x2L;
  static final long CKA_SENSITIVE = 0x103L;
  static final long CKA_EXTRACTABLE = 0x162L;
  static final long CKA_NEVER_EXTRACTABLE = 0x164L;
  static final long CKA_ALWAYS_SENSITIVE = 0x165L;
  private static final long CKA_LABEL = 0x3L;
  private static final long CKF_SERIAL_SESSION = 0x4L;
  private static final String PACKAGE = "sun.security.pkcs11.wrapper.";

  private TokenObjects() {}

  /**
   * Ends every session and the login this process has, underneath SunPKCS11, by finalising the
   * library (the JDK's wrapper offers no C_CloseAllSessions): what a reset of the token or of a
   * network HSM's client looks like to the provider, whose session handles all turn invalid.
   */
  static void dropAllSessions() throws Exception {
    Class<?> p11Type = Class.forName(PACKAGE + "PKCS11");
    p11Type.getMethod("C_Finalize", Object.class).invoke(wrapper(p11Type), (Object) null);
  }

  private static Object wrapper(Class<?> p11Type) throws Exception {
    Class<?> argsType = Class.forName(PACKAGE + "CK_C_INITIALIZE_ARGS");
    Object args = argsType.getConstructor().newInstance();
    argsType.getField("flags").setLong(args, 0x2L);
    return p11Type
        .getMethod("getInstance", String.class, String.class, argsType, boolean.class)
        .invoke(null, SoftHsm.LIBRARY, null, args, false);
  }

  /** For each object labelled {@code label}: the boolean attributes asked for, by type. */
  static List<Map<Long, Boolean>> booleans(String label, long... types) throws Exception {
    Class<?> p11Type = Class.forName(PACKAGE + "PKCS11");
    Class<?> attrType = Class.forName(PACKAGE + "CK_ATTRIBUTE");
    Object p11 = wrapper(p11Type);
    long slot = Cryptoki.load(SoftHsm.LIBRARY).slotsLabelled(SoftHsm.LABEL).matching().getFirst();
    Method open =
        p11Type.getMethod(
            "C_OpenSession",
            long.class,
            long.class,
            Object.class,
            Class.forName(PACKAGE + "CK_NOTIFY"));
    long session = (long) open.invoke(p11, slot, CKF_SERIAL_SESSION, null, null);
    try {
      Constructor<?> withValue = attrType.getConstructor(long.class, Object.class);
      Object template = java.lang.reflect.Array.newInstance(attrType, 1);
      java.lang.reflect.Array.set(template, 0, withValue.newInstance(CKA_LABEL, label));
      p11Type
          .getMethod("C_FindObjectsInit", long.class, template.getClass())
          .invoke(p11, session, template);
      long[] found =
          (long[])
              p11Type.getMethod("C_FindObjects", long.class, long.class).invoke(p11, session, 8L);
      p11Type.getMethod("C_FindObjectsFinal", long.class).invoke(p11, session);
      List<Map<Long, Boolean>> out = new java.util.ArrayList<>();
      for (long object : found) {
        out.add(read(p11, p11Type, attrType, session, object, types));
      }
      return out;
    } finally {
      p11Type.getMethod("C_CloseSession", long.class).invoke(p11, session);
    }
  }

  private static Map<Long, Boolean> read(
      Object p11, Class<?> p11Type, Class<?> attrType, long session, long object, long... types)
      throws Exception {
    Object template = java.lang.reflect.Array.newInstance(attrType, types.length);
    for (int i = 0; i < types.length; i++) {
      java.lang.reflect.Array.set(
          template, i, attrType.getConstructor(long.class).newInstance(types[i]));
    }
    p11Type
        .getMethod("C_GetAttributeValue", long.class, long.class, template.getClass())
        .invoke(p11, session, object, template);
    Map<Long, Boolean> values = new LinkedHashMap<>();
    for (int i = 0; i < types.length; i++) {
      Object attr = java.lang.reflect.Array.get(template, i);
      values.put(types[i], (Boolean) attrType.getMethod("getBoolean").invoke(attr));
    }
    return values;
  }
}
