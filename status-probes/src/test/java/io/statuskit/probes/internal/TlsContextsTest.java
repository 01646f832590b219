package io.statuskit.probes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.testservers.TestCertificates;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
  @TempDir Path dir;

  @Test
  void oneContextIsBuiltPerTrustConfigurationAndReused() throws Exception {
    Path caFile = TestCertificates.authority("StatusKit Test CA").writeCaPem(dir);
    TlsContexts contexts = new TlsContexts();

    SSLContext defaults = contexts.context(null);
    SSLContext fromFile = contexts.context(caFile);

    assertThat(contexts.context(null)).isSameAs(defaults);
    assertThat(contexts.context(caFile)).isSameAs(fromFile);
    assertThat(contexts.context(dir.resolve(".").resolve(caFile.getFileName()))).isSameAs(fromFile);
    assertThat(fromFile).isNotSameAs(defaults);
    assertThat(contexts.contextsBuilt()).isEqualTo(2);
  }

  @Test
  void concurrentFirstUsesBuildOneContext() throws Exception {
    Path caFile = TestCertificates.authority("StatusKit Test CA").writeCaPem(dir);
    TlsContexts contexts = new TlsContexts();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<SSLContext>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(() -> contexts.context(caFile));
      }
      List<SSLContext> seen = new ArrayList<>();
      for (Future<SSLContext> f : pool.invokeAll(calls)) {
        seen.add(f.get());
      }
      assertThat(seen).allSatisfy(c -> assertThat(c).isSameAs(seen.get(0)));
      assertThat(contexts.contextsBuilt()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCaFileThatCannotBeReadIsReadAgainLater() throws Exception {
    TlsContexts contexts = new TlsContexts();
    Path later = dir.resolve("ca.pem");

    assertThatThrownBy(() -> contexts.context(later)).isInstanceOf(NoSuchFileException.class);

    assertThat(TestCertificates.authority("StatusKit Test CA").writeCaPem(dir)).isEqualTo(later);
    assertThat(contexts.context(later)).isNotNull();
    assertThat(contexts.contextsBuilt()).isEqualTo(1);
  }
}
