/**
 * StatusKit test servers: local HTTP, HTTPS/TLS, SMTP, DNS and hostile servers on 127.0.0.1 with
 * certificates generated on the fly. Depends on nothing of StatusKit, so every module's tests can
 * use it without a cycle.
 */
module io.statuskit.testservers {
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires transitive org.junit.jupiter.api;
  requires org.dnsjava;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;

  exports io.statuskit.testservers;
}
