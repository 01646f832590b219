/**
 * Local servers for probe tests, well-behaved and hostile: {@link
 * io.statuskit.testservers.HttpTestServer}, {@link io.statuskit.testservers.SmtpTestServer},
 * {@link io.statuskit.testservers.DnsTestServer}, {@link
 * io.statuskit.testservers.HostileServer}, with {@link
 * io.statuskit.testservers.TestCertificates} generated on the fly. All bind 127.0.0.1 on a free
 * port and close every socket and thread they opened; {@link
 * io.statuskit.testservers.LocalServersExtension} closes them after each test. {@link
 * io.statuskit.testservers.TcpProxy} stands in front of a real server (a database) so a test can
 * take it away, bring it back, or cut a connection at a chosen point of its protocol.
 */
@NullMarked
package io.statuskit.testservers;

import org.jspecify.annotations.NullMarked;
