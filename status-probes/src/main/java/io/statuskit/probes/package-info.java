/**
 * Probes that find out whether servers answer ({@link io.statuskit.probes.TcpProbe}, {@link
 * io.statuskit.probes.HttpProbe}, {@link io.statuskit.probes.TlsProbe}, {@link
 * io.statuskit.probes.SmtpProbe}, {@link io.statuskit.probes.DnsProbe}, {@link
 * io.statuskit.probes.IcmpProbe}), their {@link io.statuskit.probes.ProbeResult}s and the {@link
 * io.statuskit.probes.ProbeEngine} that runs them. Knows nothing of status-core: the monitor in
 * status-monitor turns results into status observations and incidents.
 */
@NullMarked
package io.statuskit.probes;

import org.jspecify.annotations.NullMarked;
