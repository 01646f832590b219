/**
 * Local servers for probe tests, well-behaved and hostile: {@link
 * io.statuskit.testservers.HttpTestServer}, {@link io.statuskit.testservers.SmtpTestServer},
 * {@link io.statuskit.testservers.DnsTestServer}, {@link
 * io.statuskit.testservers.HostileServer}, with {@link
 * io.statuskit.testservers.TestCertificates} generated on the fly. All bind 127.0.0.1 on a free
 * port and close every socket and thread they opened; {@link
 * io.statuskit.testservers.LocalServersExtension} closes them after each test.
 */
@NullMarked
package io.statuskit.testservers;

import org.jspecify.annotations.NullMarked;
