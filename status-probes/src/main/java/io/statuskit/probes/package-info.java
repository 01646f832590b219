/**
 * Probes that find out whether servers answer ({@link io.statuskit.probes.TcpProbe}, {@link
 * io.statuskit.probes.HttpProbe}, {@link io.statuskit.probes.TlsProbe}, {@link
 * io.statuskit.probes.SmtpProbe}, {@link io.statuskit.probes.DnsProbe}, {@link
 * io.statuskit.probes.IcmpProbe}), their {@link io.statuskit.probes.ProbeResult}s, the {@link
 * io.statuskit.probes.ProbeEngine} that runs them, and the {@link io.statuskit.probes.Monitor}
 * that turns results into status observations and incidents.
 */
@NullMarked
package io.statuskit.probes;

import org.jspecify.annotations.NullMarked;
