/**
 * Local servers for probe tests, well-behaved and hostile: {@link
 * io.statuskit.testkit.servers.HttpTestServer}, {@link io.statuskit.testkit.servers.SmtpTestServer},
 * {@link io.statuskit.testkit.servers.DnsTestServer}, {@link
 * io.statuskit.testkit.servers.HostileServer}, with {@link
 * io.statuskit.testkit.servers.TestCertificates} generated on the fly. All bind 127.0.0.1 on a free
 * port and close every socket and thread they opened; {@link
 * io.statuskit.testkit.servers.LocalServersExtension} closes them after each test.
 */
@NullMarked
package io.statuskit.testkit.servers;

import org.jspecify.annotations.NullMarked;
