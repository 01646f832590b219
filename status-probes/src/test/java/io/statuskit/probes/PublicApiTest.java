package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.reflect.ClassPath;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No public signature of the probes' API names a type of {@code io.statuskit.probes.internal}. */
class PublicApiTest {
  private static final String INTERNAL = "io.statuskit.probes.internal.";

  @Test
  void noPublicSignatureNamesAnInternalType() throws Exception {
    List<Class<?>> api = new ArrayList<>();
    ClassPath path = ClassPath.from(PublicApiTest.class.getClassLoader());
    for (String pkg : List.of("io.statuskit.probes", "io.statuskit.probes.spi")) {
      for (ClassPath.ClassInfo info : path.getTopLevelClasses(pkg)) {
        Class<?> c = info.load();
        if (Modifier.isPublic(c.getModifiers()) && !c.getSimpleName().endsWith("Test")) {
          api.add(c);
          addNested(c, api);
        }
      }
    }
    assertThat(api).contains(ProbeEngine.class, io.statuskit.probes.spi.ProbeContext.class);

    List<String> leaks = new ArrayList<>();
    for (Class<?> c : api) {
      check(c + " extends", c.getGenericSuperclass(), leaks);
      for (Type t : c.getGenericInterfaces()) {
        check(c + " implements", t, leaks);
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          check(m.toString(), m.getGenericReturnType(), leaks);
          for (Type t : m.getGenericParameterTypes()) {
            check(m.toString(), t, leaks);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k.getModifiers())) {
          for (Type t : k.getGenericParameterTypes()) {
            check(k.toString(), t, leaks);
          }
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(f.toString(), f.getGenericType(), leaks);
        }
      }
    }
    assertThat(leaks).as("public signatures naming internal types").isEmpty();
  }

  private static void addNested(Class<?> c, List<Class<?>> api) {
    for (Class<?> nested : c.getDeclaredClasses()) {
      if (Modifier.isPublic(nested.getModifiers())) {
        api.add(nested);
        addNested(nested, api);
      }
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type != null && type.getTypeName().contains(INTERNAL)) {
      leaks.add(where + ": " + type.getTypeName());
    }
  }
}
