package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.io.BaseEncoding;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import io.statuskit.notify.internal.Mailer;
import io.statuskit.notify.internal.Notice;
import io.statuskit.notify.internal.Notices;
import io.statuskit.notify.internal.Payloads;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.spi.NotificationStore;
import io.statuskit.notify.spi.SenderElection;
import io.statuskit.notify.spi.SenderLease;
import io.statuskit.notify.store.InProcessSenderElection;
import jakarta.mail.MessagingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the tracker's events to subscribers, at least once, in order per subscriber.
 *
 * <p>Nothing is queued apart from the store's own event log: each subscriber has a durable
 * cursor (the version through which it has been served), and its pending notifications are the
 * events after its cursor that its {@link Topics} hear. On start the notifier reads the log from
 * the lowest cursor on ({@link StatusStore#eventsAfter}), so a crash between a change and its
 * sending loses nothing; it then follows the tracker's listener, reading the log again to fill
 * any gap. Each subscriber has its own lane: one request at a time, in version order, retried
 * after {@link Backoff} waits and dead-lettered after the last attempt, while other lanes go on;
 * at most {@code maxConcurrentRequests} requests are in flight in all. Cursors and dead letters
 * reach the {@link NotificationStore} in batches every {@code flushInterval}: after a crash, what
 * was delivered since the last batch is delivered again, with the same idempotency key.
 *
 * <p>E-mail subscribers are sent mail when {@link Builder#mail} is set (a confirmation request when
 * they subscribe, then notices once confirmed); without it they are kept but sent nothing, and
 * their cursors move with the log once they are confirmed.
 *
 * <p>On several nodes sharing a notification store, one notifier sends at a time: the one
 * holding the store's {@link SenderElection} lease, renewed every third of {@link
 * Builder#leaseDuration}; the others follow the board and take the lease over when it expires.
 * A store used by one node alone has no shared election, and the notifier elects itself.
 *
 * <p>Thread-safe. Owns threads (an event loop, a flusher, a lease thread and an I/O pool): close it.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final BaseEncoding BASE32 = BaseEncoding.base32().lowerCase().omitPadding();
  private static final BaseEncoding BASE64URL = BaseEncoding.base64Url().omitPadding();

  private final StatusTracker tracker;
  private final StatusStore events;
  private final NotificationStore store;
  private final Clock clock;
  private final TargetPolicy targets;
  private final Backoff backoff;
  private final Duration requestTimeout;
  private final int maxConcurrentRequests;
  private final Payloads.Site site;
  private final String userAgent;
  private final @Nullable Mailer mailer;
  private final SecureRandom secureRandom = new SecureRandom();

  private final ScheduledThreadPoolExecutor loop;
  private final ExecutorService flusher;
  private final ExecutorService io;
  private final HttpClient http;
  private final io.statuskit.core.Subscription listening;
  private final ConcurrentHashMap<String, Long> publishedCursors = new ConcurrentHashMap<>();
  private final SenderElection election;
  private final boolean ownElection;
  private final String node;
  private final Duration leaseDuration;
  private final ScheduledExecutorService leaser;
  private volatile @Nullable SenderLease heldLease;

  // The fields below are touched only on the loop thread.
  private final TreeMap<Long, Notice> tail = new TreeMap<>();
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final ArrayDeque<Lane> waiting = new ArrayDeque<>();
  private final Map<String, Long> dirty = new HashMap<>();
  private final List<DeadLetter> pendingDead = new ArrayList<>();
  private final SplittableRandom jitter;
  private final Map<String, Long> removedAt = new HashMap<>();
  private long head;
  private int inFlight;
  private boolean closed;
  private long activeToken; // 0: not the sender
  private volatile long leaseValidUntil; // System.nanoTime() by which the lease must be renewed; written on the loop

  private Notifier(Builder b, StatusTracker tracker, StatusStore events, NotificationStore store, URI pageUrl) {
    this.tracker = tracker;
    this.events = events;
    this.store = store;
    this.clock = b.clock == null ? tracker.clock() : b.clock;
    this.targets = b.targets;
    this.backoff = b.backoff;
    this.requestTimeout = b.requestTimeout;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.site = new Payloads.Site(pageUrl, b.pageId);
    this.userAgent = "StatusKit-Notify/1 (+" + pageUrl + ")";
    this.mailer = b.mail == null ? null : new Mailer(b.mail, site, b.mailTls == null ? null : b.mailTls.getSocketFactory(), b.locale);
    this.jitter = b.jitterSeed == null ? new SplittableRandom() : new SplittableRandom(b.jitterSeed);
    int n = INSTANCES.incrementAndGet();
    ThreadFactory loopThreads =
        new ThreadFactoryBuilder().setDaemon(true).setNameFormat("statuskit-notify-" + n + "-loop").build();
    this.loop = new ScheduledThreadPoolExecutor(1, loopThreads);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    loop.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    this.flusher =
        Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setDaemon(true).setNameFormat("statuskit-notify-" + n + "-flush").build());
    this.io =
        Executors.newFixedThreadPool(
            b.ioThreads,
            new ThreadFactoryBuilder().setDaemon(true).setNameFormat("statuskit-notify-" + n + "-io-%d").build());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .executor(io)
            .build();
    Optional<SenderElection> shared = store.senderElection();
    this.election = shared.isPresent() ? shared.get() : new InProcessSenderElection();
    this.ownElection = shared.isEmpty();
    this.node = b.nodeName == null ? "node-" + ProcessHandle.current().pid() + "-" + random32(5) : b.nodeName;
    this.leaseDuration = b.leaseDuration;
    this.leaser =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setDaemon(true).setNameFormat("statuskit-notify-" + n + "-lease").build());
    campaign();
    long renewNanos = Math.max(1, leaseDuration.toNanos() / 3);
    leaser.scheduleWithFixedDelay(this::campaign, renewNanos, renewNanos, TimeUnit.NANOSECONDS);
    this.listening = tracker.subscribe((event, board) -> submit(() -> onEvent(event, board)));
    long flushNanos = b.flushInterval.toNanos();
    loop.scheduleWithFixedDelay(this::flush, flushNanos, flushNanos, TimeUnit.NANOSECONDS);
  }

  /** A builder; {@link Builder#tracker}, {@link Builder#store} and {@link Builder#pageUrl} are required. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- API -------------------------------------------------------------------------------------

  /**
   * Adds a webhook subscriber, confirmed at once, hearing events after the current board version.
   * The returned subscriber carries the secret that signs its requests: show it once.
   *
   * @throws IllegalArgumentException when the URL is not valid or its target is refused by the
   *     {@link TargetPolicy} (the message names the URL and the address)
   */
  public Subscriber addWebhook(URI url, WebhookFormat format, Topics topics) {
    requireNonNull(url, "url");
    targets.check(url);
    Channel.Webhook channel = new Channel.Webhook(url, format, "whsec_" + random64(32));
    Subscriber s =
        new Subscriber("wh_" + random32(10), channel, topics, true, tracker.board().version(), clock.instant(), random64(24));
    add(s);
    return s;
  }

  /**
   * Adds an e-mail subscriber, unconfirmed until {@link #confirm} is called with its token. When
   * mail is configured, a confirmation request with the link is sent to the address (once, not
   * retried: {@link #resendConfirmation} sends it again).
   *
   * @throws IllegalArgumentException when the address is not valid
   */
  public Subscriber addEmail(String address, Topics topics) {
    Subscriber s =
        new Subscriber(
            "em_" + random32(10), new Channel.Email(address), topics, false, tracker.board().version(), clock.instant(), random64(24));
    add(s);
    sendConfirmation(s);
    return s;
  }

  /**
   * Sends an unconfirmed e-mail subscriber's confirmation request again.
   *
   * @return whether there was such a subscriber and mail is configured
   */
  public boolean resendConfirmation(String subscriberId) {
    Subscriber s = store.load().subscribers().get(requireNonNull(subscriberId, "subscriberId"));
    if (s == null || s.confirmed() || !(s.channel() instanceof Channel.Email) || mailer == null) {
      return false;
    }
    sendConfirmation(s);
    return true;
  }

  private void sendConfirmation(Subscriber s) {
    Mailer m = mailer;
    if (m == null) {
      return;
    }
    try {
      io.execute(
          () -> {
            try {
              m.sendConfirmation(s, clock.instant());
            } catch (MessagingException | RuntimeException e) {
              log.warn("cannot send the confirmation request to {}", s, e);
            }
          });
    } catch (RejectedExecutionException e) {
      log.warn("notifier closed; no confirmation request sent to {}", s);
    }
  }

  private void add(Subscriber s) {
    checkState(!isClosed(), "the notifier is closed");
    store.put(s);
    submit(() -> addLane(s, s.since()));
  }

  /**
   * Confirms a subscriber whose token matches: from now on it hears events after the current
   * version.
   *
   * @return the confirmed subscriber, or empty when the id is unknown or the token wrong
   */
  public Optional<Subscriber> confirm(String subscriberId, String token) {
    Optional<Subscriber> s = withToken(subscriberId, token);
    if (s.isEmpty()) {
      return s;
    }
    if (s.get().confirmed()) {
      return s;
    }
    Subscriber confirmed = s.get().confirmedAt(tracker.board().version());
    store.put(confirmed);
    submit(() -> addLane(confirmed, confirmed.since()));
    return Optional.of(confirmed);
  }

  /** Removes a subscriber whose token matches (a one-click unsubscribe); whether it was removed. */
  public boolean unsubscribe(String subscriberId, String token) {
    if (withToken(subscriberId, token).isEmpty()) {
      return false;
    }
    remove(subscriberId);
    return true;
  }

  /** Removes a subscriber (an operator's action); does nothing when it is not kept. */
  public void remove(String subscriberId) {
    requireNonNull(subscriberId, "subscriberId");
    store.remove(subscriberId);
    publishedCursors.remove(subscriberId);
    submit(() -> removeLane(subscriberId));
  }

  private Optional<Subscriber> withToken(String subscriberId, String token) {
    requireNonNull(subscriberId, "subscriberId");
    requireNonNull(token, "token");
    Subscriber s = store.load().subscribers().get(subscriberId);
    if (s == null || !MessageDigest.isEqual(s.token().getBytes(UTF_8), token.getBytes(UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** The subscribers, in the order they were added. */
  public ImmutableList<Subscriber> subscribers() {
    return store.load().subscribers().values().asList();
  }

  /** The dead letters that reached the store, oldest first. */
  public ImmutableList<DeadLetter> deadLetters() {
    return store.load().deadLetters();
  }

  /** Forgets a subscriber's dead letters. */
  public void clearDeadLetters(String subscriberId) {
    store.clearDeadLetters(subscriberId);
  }

  /**
   * Sends a subscriber's dead letters again: they leave the store, and each is tried anew with its
   * original idempotency key and the whole {@link Backoff}, before the lane's next notification
   * (so out of version order: it is older than what the subscriber heard since); one that fails
   * again is dead-lettered again. A dead letter of events the log no longer holds cannot be sent
   * and stays. Waits for the store (at most about 10 s).
   *
   * @return how many were handed back to delivery
   * @throws IllegalStateException if the notifier is closed or the store did not answer in time
   */
  public int retryDeadLetters(String subscriberId) {
    requireNonNull(subscriberId, "subscriberId");
    checkState(!isClosed(), "the notifier is closed");
    // On the flusher, the one thread that writes dead letters: none is written between the read
    // and the clearing, so none is lost.
    List<DeadLetter> taken;
    try {
      taken =
          flusher
              .submit(
                  () -> {
                    List<DeadLetter> mine = new ArrayList<>();
                    for (DeadLetter d : store.load().deadLetters()) {
                      if (d.subscriberId().equals(subscriberId)) {
                        mine.add(d);
                      }
                    }
                    if (!mine.isEmpty()) {
                      store.clearDeadLetters(subscriberId);
                    }
                    return mine;
                  })
              .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking dead letters of " + subscriberId, e);
    } catch (java.util.concurrent.ExecutionException | TimeoutException | RejectedExecutionException e) {
      throw new IllegalStateException("cannot take the dead letters of " + subscriberId + ": " + e.getMessage(), e);
    }
    if (taken.isEmpty()) {
      return 0;
    }
    StatusBoard board = tracker.board();
    List<Notice> notices = new ArrayList<>();
    List<DeadLetter> kept = new ArrayList<>();
    for (DeadLetter letter : taken) {
      Notice notice = null;
      try {
        for (StatusEvent e : events.eventsAfter(letter.version() - 1)) {
          if (e.sequence() == letter.version()) {
            notice = notice(e, board);
          }
          break;
        }
      } catch (StoreException e) {
        log.warn("event {} is no longer in the store; the dead letter of {} stays", letter.version(), subscriberId);
      }
      if (notice == null) {
        kept.add(letter);
      } else {
        notices.add(notice);
      }
    }
    if (!kept.isEmpty()) {
      // Back where they were, whichever node sends: dead letters are not fenced, only cursors are.
      flusher.execute(
          () -> {
            try {
              store.record(kept, Map.of());
            } catch (RuntimeException e) {
              log.error("cannot put {} dead letters of {} back", kept.size(), subscriberId, e);
            }
          });
    }
    if (!notices.isEmpty()) {
      submit(
          () -> {
            Lane lane = lanes.get(subscriberId);
            if (lane != null) {
              lane.redo.addAll(notices);
              pump(lane);
            }
          });
    }
    return notices.size();
  }

  /**
   * The version through which a subscriber has been served (delivered, dead-lettered or not
   * concerned), as the notifier knows it now (the store may be up to one flush behind).
   */
  public OptionalLong deliveredThrough(String subscriberId) {
    Long cursor = publishedCursors.get(subscriberId);
    return cursor == null ? OptionalLong.empty() : OptionalLong.of(cursor);
  }

  /** Current cursors of every subscriber with a lane, by id. */
  public ImmutableMap<String, Long> cursors() {
    return ImmutableMap.copyOf(publishedCursors);
  }

  /** This notifier's name in the sender election. */
  public String nodeName() {
    return node;
  }

  /**
   * Whether this notifier holds the sender lease now, valid by its own clock: the one that sends,
   * among several nodes.
   */
  public boolean isSending() {
    return heldLease != null && leaseValidUntil - System.nanoTime() > 0;
  }

  // ---- the lease -------------------------------------------------------------------------------

  /**
   * Takes or renews the lease; when held, reads the store (after taking it, so a new holder starts
   * from the cursors its predecessor recorded) and hands both to the loop.
   */
  private void campaign() {
    long asked = System.nanoTime();
    Optional<SenderLease> lease;
    try {
      lease = election.tryAcquire(node, leaseDuration);
    } catch (RuntimeException e) {
      log.warn("{}: cannot reach the sender election; sending stops when the lease runs out", node, e);
      return;
    }
    if (lease.isEmpty()) {
      submit(() -> resign("another node holds the sender lease"));
      return;
    }
    long loadedAt = System.nanoTime();
    NotificationState state;
    try {
      state = store.load();
    } catch (RuntimeException e) {
      log.warn("{}: cannot read the notification store; will try again", node, e);
      state = null;
    }
    NotificationState loaded = state;
    SenderLease held = lease.get();
    submit(() -> onLease(held, asked + leaseDuration.toNanos(), loaded, loadedAt));
  }

  private void onLease(SenderLease lease, long validUntil, @Nullable NotificationState state, long loadedAt) {
    if (closed) {
      return;
    }
    if (activeToken != 0 && lease.fencingToken() == activeToken + 1) {
      // taken again after it ran out, with nobody in between (a takeover would have made the
      // token larger): the lanes are still right
      log.info("{} took the sender lease again (token {})", node, lease.fencingToken());
      activeToken = lease.fencingToken();
      heldLease = lease;
    }
    if (lease.fencingToken() != activeToken) {
      if (state == null) {
        return;
      }
      resign("the lease was taken again with a new token");
      activeToken = lease.fencingToken();
      leaseValidUntil = validUntil;
      heldLease = lease;
      log.info("{} sends notifications now (lease token {})", node, lease.fencingToken());
      start(state);
      return;
    }
    leaseValidUntil = validUntil;
    if (state != null) {
      reconcile(state, loadedAt);
    }
    pumpAll();
  }

  /** Stops sending: records what was reached (fenced), forgets lanes; in-flight answers are ignored. */
  private void resign(String reason) {
    if (activeToken == 0) {
      return;
    }
    log.info("{} stops sending notifications (lease token {}): {}", node, activeToken, reason);
    flush();
    for (Lane lane : lanes.values()) {
      lane.removed = true;
    }
    lanes.clear();
    waiting.clear();
    tail.clear();
    removedAt.clear();
    publishedCursors.clear();
    activeToken = 0;
    heldLease = null;
    head = 0;
  }

  private boolean leaseValid() {
    return activeToken != 0 && leaseValidUntil - System.nanoTime() > 0;
  }

  /**
   * Brings the lanes in line with the store, where other nodes add, confirm and remove
   * subscribers: a lane changed on this node after the store was read keeps what it has.
   */
  private void reconcile(NotificationState state, long loadedAt) {
    removedAt.values().removeIf(at -> at - loadedAt < 0);
    for (Subscriber s : state.subscribers().values()) {
      Lane lane = lanes.get(s.id());
      long cursor = state.cursors().getOrDefault(s.id(), s.since());
      if (lane == null) {
        if (!removedAt.containsKey(s.id())) {
          addLane(s, cursor);
        }
      } else if (!lane.subscriber.equals(s) && lane.touched - loadedAt < 0) {
        addLane(s, cursor);
      }
    }
    List<String> gone = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      if (!state.subscribers().containsKey(lane.subscriber.id()) && lane.touched - loadedAt < 0) {
        gone.add(lane.subscriber.id());
      }
    }
    gone.forEach(this::removeLane);
  }

  // ---- the loop --------------------------------------------------------------------------------

  private void submit(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("notifier closed; dropped a task (the log still holds its event)");
    }
  }

  private void start(NotificationState state) {
    StatusBoard board = tracker.board();
    head = board.version();
    state.subscribers().forEach((id, s) -> {
      Lane lane = new Lane(s, state.cursors().getOrDefault(id, s.since()));
      lanes.put(id, lane);
      publishedCursors.put(id, lane.cursor);
    });
    long from = head;
    for (Lane lane : lanes.values()) {
      if (deliverable(lane.subscriber)) {
        from = Math.min(from, lane.cursor);
      }
    }
    if (from < head) {
      long target = head;
      head = from;
      fill(target, board);
    }
    pumpAll();
  }

  private void addLane(Subscriber s, long cursor) {
    if (activeToken == 0) {
      return; // the sender reads it from the store
    }
    Lane existing = lanes.get(s.id());
    if (existing != null) {
      boolean was = deliverable(existing.subscriber);
      existing.subscriber = s;
      existing.touched = System.nanoTime();
      if (!existing.busy && existing.retry == null) {
        existing.cursor = Math.max(existing.cursor, cursor);
      }
      if (!was && deliverable(s)) {
        backfill(existing.cursor); // confirmed elsewhere: the tail may have moved past its cursor
      }
      publishedCursors.put(s.id(), existing.cursor);
      pump(existing);
      return;
    }
    Lane lane = new Lane(s, cursor);
    lanes.put(s.id(), lane);
    publishedCursors.put(s.id(), lane.cursor);
    if (deliverable(s)) {
      backfill(cursor);
    }
    pump(lane);
  }

  /**
   * Puts the notices of events after {@code from} up to head back into the tail where they are
   * missing: a lane that starts behind the loop's head (added while the loop was starting, or after
   * the tail was pruned past its cursor) must still hear them.
   */
  private void backfill(long from) {
    if (from >= head) {
      return;
    }
    StatusBoard board = tracker.board();
    try {
      for (StatusEvent e : events.eventsAfter(from)) {
        if (e.sequence() > head) {
          break;
        }
        if (!tail.containsKey(e.sequence())) {
          Notice notice = notice(e, board);
          if (notice != null) {
            tail.put(e.sequence(), notice);
          }
        }
      }
    } catch (StoreException e) {
      log.error("events after version {} are no longer in the store; a new lane starts later", from, e);
    }
  }

  private @Nullable Notice notice(StatusEvent event, StatusBoard board) {
    try {
      return Notices.of(event, board);
    } catch (RuntimeException e) {
      log.warn("cannot make a notice of event {}; it is skipped", event.sequence(), e);
      return null;
    }
  }

  private void removeLane(String id) {
    if (activeToken != 0) {
      removedAt.put(id, System.nanoTime());
    }
    Lane lane = lanes.remove(id);
    if (lane != null) {
      lane.removed = true;
      waiting.remove(lane);
      dirty.remove(id);
      pendingDead.removeIf(d -> d.subscriberId().equals(id));
    }
  }

  private void onEvent(StatusEvent event, StatusBoard board) {
    if (closed || activeToken == 0 || event.sequence() <= head) {
      return;
    }
    if (event.sequence() > head + 1) {
      fill(event.sequence() - 1, board);
    }
    if (event.sequence() == head + 1) {
      accept(event, board);
    }
    pumpAll();
  }

  /** Reads events head+1..target from the log; dead-letters what the log no longer holds. */
  private void fill(long target, StatusBoard board) {
    try {
      for (StatusEvent e : events.eventsAfter(head)) {
        if (e.sequence() > target) {
          break;
        }
        if (e.sequence() == head + 1) {
          accept(e, board);
        }
      }
    } catch (StoreException e) {
      log.error("events after version {} are no longer in the store; subscribers behind it miss them", head, e);
    }
    if (head < target) {
      String reason = "events " + (head + 1) + ".." + target + " were no longer in the store when they were due";
      for (Lane lane : lanes.values()) {
        if (lane.cursor < target && deliverable(lane.subscriber)) {
          pendingDead.add(new DeadLetter(lane.subscriber.id(), Math.max(lane.cursor + 1, head + 1), 0, reason, clock.instant()));
        }
        if (lane.cursor < target && lane.retry == null && !lane.busy && lane.subscriber.confirmed()) {
          advance(lane, target);
        }
      }
      head = target;
    }
  }

  private void accept(StatusEvent event, StatusBoard board) {
    Notice notice = notice(event, board);
    if (notice != null) {
      tail.put(event.sequence(), notice);
    }
    head = event.sequence();
  }

  private boolean deliverable(Subscriber s) {
    return s.confirmed() && (s.channel() instanceof Channel.Webhook || mailer != null);
  }

  private void pumpAll() {
    for (Lane lane : lanes.values()) {
      pump(lane);
    }
  }

  private void pump(Lane lane) {
    if (closed || lane.busy || lane.removed || !leaseValid()) {
      return;
    }
    Notice notice;
    int attempt;
    Lane.Retry retry = lane.retry;
    if (retry != null) {
      notice = retry.notice;
      attempt = retry.attempt;
    } else if (!lane.redo.isEmpty() && deliverable(lane.subscriber)) {
      notice = requireNonNull(lane.redo.poll());
      attempt = 1;
    } else {
      notice = deliverable(lane.subscriber) ? next(lane) : null;
      if (notice == null) {
        if (lane.subscriber.confirmed()) {
          advance(lane, head); // an unconfirmed lane stays at its since: a confirmation elsewhere sets it
        }
        return;
      }
      advance(lane, notice.version() - 1);
      attempt = 1;
    }
    if (inFlight >= maxConcurrentRequests) {
      if (!lane.waiting) {
        lane.waiting = true;
        lane.retry = new Lane.Retry(notice, attempt);
        waiting.add(lane);
      }
      return;
    }
    lane.retry = null;
    send(lane, notice, attempt);
  }

  private @Nullable Notice next(Lane lane) {
    for (Map.Entry<Long, Notice> e = tail.higherEntry(lane.cursor); e != null; e = tail.higherEntry(e.getKey())) {
      if (Notices.matches(lane.subscriber.topics(), e.getValue())) {
        return e.getValue();
      }
    }
    return null;
  }

  private void advance(Lane lane, long cursor) {
    if (cursor > lane.cursor) {
      lane.cursor = cursor;
      dirty.put(lane.subscriber.id(), cursor);
      publishedCursors.put(lane.subscriber.id(), cursor);
    }
  }

  private void pumpWaiting() {
    while (inFlight < maxConcurrentRequests && !waiting.isEmpty()) {
      Lane lane = waiting.poll();
      lane.waiting = false;
      pump(lane);
    }
  }

  private void send(Lane lane, Notice notice, int attempt) {
    Subscriber s = lane.subscriber;
    CompletableFuture<Integer> result;
    if (s.channel() instanceof Channel.Webhook hook) {
      result = post(s, hook, notice);
    } else {
      Mailer m = requireNonNull(mailer, "mailer");
      result = CompletableFuture.supplyAsync(() -> mail(m, s, notice), io);
    }
    lane.busy = true;
    inFlight++;
    result
        .orTimeout(requestTimeout.toNanos() * 2, TimeUnit.NANOSECONDS)
        .whenComplete(
            (status, failure) ->
                submit(() -> onResult(lane, notice, attempt, status == null ? -1 : status, failure)));
  }

  private static int mail(Mailer m, Subscriber s, Notice notice) {
    try {
      m.sendNotice(s, notice);
      return 250;
    } catch (MessagingException e) {
      throw new CompletionException(e);
    }
  }

  private CompletableFuture<Integer> post(Subscriber s, Channel.Webhook hook, Notice notice) {
    byte[] body = Payloads.render(hook.format(), notice, s, site);
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(hook.url())
            .timeout(requestTimeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", userAgent)
            .header("StatusKit-Event", notice.type())
            .header(WebhookSignature.IDEMPOTENCY_HEADER, Payloads.idempotencyKey(s, notice))
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(hook.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return CompletableFuture.runAsync(() -> targets.check(hook.url()), io)
        .thenCompose(ignored -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .thenApply(HttpResponse::statusCode);
  }

  private void onResult(Lane lane, Notice notice, int attempt, int status, @Nullable Throwable failure) {
    inFlight--;
    lane.busy = false;
    if (closed) {
      return;
    }
    if (!lane.removed) {
      if (failure == null && status >= 200 && status < 300) {
        advance(lane, notice.version());
      } else {
        String error = failure == null ? "HTTP " + status : describe(failure);
        if (attempt >= backoff.maxAttempts()) {
          log.warn("dead-lettered {} for {} after {} attempts: {}", notice.version(), lane.subscriber, attempt, error);
          pendingDead.add(new DeadLetter(lane.subscriber.id(), notice.version(), attempt, error, clock.instant()));
          advance(lane, notice.version());
        } else {
          log.debug("attempt {} of {} to {} failed: {}", attempt, notice.version(), lane.subscriber, error);
          lane.retry = new Lane.Retry(notice, attempt + 1);
          lane.busy = true; // holds the lane, not a request slot
          Duration wait = backoff.delayAfter(attempt, jitter.nextDouble());
          loop.schedule(
              () -> {
                lane.busy = false;
                pump(lane);
              },
              wait.toNanos(),
              TimeUnit.NANOSECONDS);
        }
      }
      pump(lane);
    }
    pumpWaiting();
  }

  private String describe(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
      return "request timed out after " + requestTimeout;
    }
    if (t instanceof IllegalArgumentException) {
      return "target refused: " + t.getMessage();
    }
    // The whole chain: a mail failure says "Could not convert socket to TLS" on top and why
    // (a certificate no trusted authority signed) only in its causes.
    StringBuilder text = new StringBuilder();
    for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
      String message = t.getMessage();
      if (depth > 0 && message != null && text.indexOf(message) >= 0) {
        continue;
      }
      text.append(depth == 0 ? "" : ": caused by ").append(t.getClass().getSimpleName());
      if (message != null) {
        text.append(": ").append(message);
      }
    }
    // One line (Jakarta Mail puts the nested exception on lines of its own).
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  /** Hands dirty cursors and new dead letters to the flusher, and drops notices every lane passed. */
  private void flush() {
    long floor = head;
    for (Lane lane : lanes.values()) {
      if (lane.subscriber.confirmed()) {
        floor = Math.min(floor, lane.cursor);
      }
    }
    tail.headMap(floor, true).clear();
    long token = activeToken;
    if (dirty.isEmpty() && pendingDead.isEmpty() || token == 0) {
      return;
    }
    Map<String, Long> cursors = new HashMap<>(dirty);
    List<DeadLetter> letters = new ArrayList<>(pendingDead);
    dirty.clear();
    pendingDead.clear();
    try {
      flusher.execute(() -> write(letters, cursors, token));
    } catch (RejectedExecutionException e) {
      log.warn("notifier closed; {} cursors not recorded (delivered again after the next start)", cursors.size());
    }
  }

  private void write(List<DeadLetter> letters, Map<String, Long> cursors, long token) {
    try {
      if (!store.record(letters, cursors, token)) {
        log.warn("{}: the sender lease (token {}) was taken over; {} cursors and {} dead letters not recorded",
            node, token, cursors.size(), letters.size());
        submit(() -> {
          if (activeToken == token) {
            resign("the store refused the lease's token");
          }
        });
      }
    } catch (RuntimeException e) {
      log.error("cannot record {} cursors and {} dead letters; will retry", cursors.size(), letters.size(), e);
      submit(
          () -> {
            if (activeToken == token) {
              pendingDead.addAll(0, letters);
              cursors.forEach((id, c) -> dirty.merge(id, c, Math::max));
            }
          });
    }
  }

  private boolean isClosed() {
    return loop.isShutdown();
  }

  /**
   * Stops following the tracker, records the cursors and dead letters reached so far, gives the
   * sender lease up (another node takes over at its next renewal), and stops the threads; requests
   * in flight are abandoned (their notifications are sent again after the next start). Closes the
   * notification store, not the tracker. Waits at most about 10 s.
   */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    listening.close();
    leaser.shutdownNow();
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      loop.execute(
          () -> {
            flush();
            closed = true;
            done.complete(null);
          });
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      log.warn("notifier loop did not stop in time", e);
    }
    loop.shutdownNow();
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("notification store writes did not finish in 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    io.shutdownNow();
    SenderLease held = heldLease;
    heldLease = null;
    if (held != null) {
      try {
        election.release(held);
      } catch (RuntimeException e) {
        log.warn("{}: cannot give the sender lease up; another node takes it over when it expires", node, e);
      }
    }
    if (ownElection) {
      election.close();
    }
    store.close();
  }

  private String random32(int bytes) {
    byte[] b = new byte[bytes];
    secureRandom.nextBytes(b);
    return BASE32.encode(b);
  }

  private String random64(int bytes) {
    byte[] b = new byte[bytes];
    secureRandom.nextBytes(b);
    return BASE64URL.encode(b);
  }

  /** One subscriber's lane; touched only on the loop thread. */
  private static final class Lane {
    Subscriber subscriber;
    long cursor;
    boolean busy;
    boolean waiting;
    boolean removed;
    long touched = System.nanoTime();
    @Nullable Retry retry;
    /** Dead letters an operator sent again ({@link Notifier#retryDeadLetters}), oldest first. */
    final ArrayDeque<Notice> redo = new ArrayDeque<>();

    record Retry(Notice notice, int attempt) {}

    Lane(Subscriber subscriber, long cursor) {
      this.subscriber = subscriber;
      this.cursor = cursor;
    }
  }

  /** Builds a {@link Notifier}; not thread-safe. */
  public static final class Builder {
    private @Nullable StatusTracker tracker;
    private @Nullable StatusStore events;
    private @Nullable NotificationStore store;
    private @Nullable URI pageUrl;
    private String pageId = "statuskit";
    private @Nullable Clock clock;
    private TargetPolicy targets = TargetPolicy.publicOnly();
    private Backoff backoff = Backoff.ofDefaults();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration flushInterval = Duration.ofMillis(200);
    private int maxConcurrentRequests = 64;
    private int ioThreads = 4;
    private @Nullable Long jitterSeed;
    private @Nullable MailSettings mail;
    private @Nullable SSLContext mailTls;
    private Duration leaseDuration = Duration.ofSeconds(15);
    private @Nullable String nodeName;
    private Locale locale = Locale.ENGLISH;

    private Builder() {}

    /**
     * The language of the e-mails' own texts (the confirmation request; a notice's "Affected",
     * "Read more" and footer); default English. English and German ship ({@code en}, {@code de});
     * another language gets English. Give it the page's locale. A post's title, state and body are
     * sent as they are; webhook payloads do not depend on it.
     */
    public Builder locale(Locale locale) {
      this.locale = requireNonNull(locale, "locale");
      return this;
    }

    /**
     * The TLS context of SMTP connections (STARTTLS and SMTPS): its trust managers decide which
     * server certificates are accepted, such as those of a private certificate authority; the
     * host name is checked either way. Default: the JVM's.
     */
    public Builder mailTls(SSLContext context) {
      this.mailTls = requireNonNull(context, "context");
      return this;
    }

    /**
     * How long the sender lease lasts without renewal; default 15 s. It is renewed every third of
     * it; when its holder dies, another node takes over within about this long.
     */
    public Builder leaseDuration(Duration duration) {
      requireNonNull(duration, "leaseDuration");
      checkArgument(duration.compareTo(Duration.ofMillis(300)) >= 0 && duration.compareTo(Duration.ofHours(1)) <= 0,
          "leaseDuration must be 300 ms to 1 h: %s", duration);
      this.leaseDuration = duration;
      return this;
    }

    /**
     * This notifier's name in the sender election (shown in the store's lease row and the logs);
     * default {@code node-<pid>-<random>}. Each notifier needs its own.
     */
    public Builder nodeName(String name) {
      requireNonNull(name, "nodeName");
      checkArgument(name.matches("[A-Za-z0-9._@:-]{1,100}"), "nodeName must be 1 to 100 letters, digits, '.', '_', '@', ':' or '-': %s", name);
      this.nodeName = name;
      return this;
    }

    /** How e-mail is sent; without it e-mail subscribers are kept but sent nothing. */
    public Builder mail(MailSettings settings) {
      this.mail = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The tracker whose events are delivered, and the store that keeps them (the same store the
     * tracker was built with): the notifier reads the log from it.
     */
    public Builder tracker(StatusTracker tracker, StatusStore events) {
      this.tracker = requireNonNull(tracker, "tracker");
      this.events = requireNonNull(events, "events");
      return this;
    }

    /** Where subscribers, cursors and dead letters are kept; closed with the notifier. */
    public Builder store(NotificationStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** The page's base URL: links to posts and the unsubscribe link are made from it. */
    public Builder pageUrl(URI pageUrl) {
      requireNonNull(pageUrl, "pageUrl");
      checkArgument(pageUrl.isAbsolute() && pageUrl.getHost() != null, "pageUrl must be an absolute URL: %s", pageUrl);
      String s = pageUrl.toString();
      this.pageUrl = s.endsWith("/") ? pageUrl : URI.create(s + "/");
      return this;
    }

    /** The page id in Statuspage payloads; default {@code statuskit}. */
    public Builder pageId(String pageId) {
      requireNonNull(pageId, "pageId");
      checkArgument(!pageId.isBlank(), "pageId must not be blank");
      this.pageId = pageId;
      return this;
    }

    /** The clock of timestamps and dead letters; default the tracker's. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Which webhook targets may be called; default {@link TargetPolicy#publicOnly()}. */
    public Builder targets(TargetPolicy targets) {
      this.targets = requireNonNull(targets, "targets");
      return this;
    }

    /** Retries and dead-lettering; default {@link Backoff#ofDefaults()}. */
    public Builder backoff(Backoff backoff) {
      this.backoff = requireNonNull(backoff, "backoff");
      return this;
    }

    /** How long connecting may take; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** How long a receiver may take to answer; default 10 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /** How often cursors and dead letters are written to the store; default 200 ms. */
    public Builder flushInterval(Duration interval) {
      this.flushInterval = positive("flushInterval", interval);
      return this;
    }

    /** Requests in flight at most, over all subscribers; default 64. */
    public Builder maxConcurrentRequests(int max) {
      checkArgument(max >= 1 && max <= 10_000, "maxConcurrentRequests must be 1 to 10000: %s", max);
      this.maxConcurrentRequests = max;
      return this;
    }

    /** Threads for DNS look-ups and the HTTP client; default 4. */
    public Builder ioThreads(int threads) {
      checkArgument(threads >= 1 && threads <= 256, "ioThreads must be 1 to 256: %s", threads);
      this.ioThreads = threads;
      return this;
    }

    /** A seed for the retry jitter, so a test can repeat a run; default random. */
    public Builder jitterSeed(long seed) {
      this.jitterSeed = seed;
      return this;
    }

    private static Duration positive(String name, Duration d) {
      requireNonNull(d, name);
      checkArgument(!d.isNegative() && !d.isZero(), "%s must be positive: %s", name, d);
      return d;
    }

    /**
     * Starts a notifier: reads the store and the log, then delivers.
     *
     * @throws IllegalStateException naming what is missing
     */
    public Notifier build() {
      checkState(tracker != null && events != null, "tracker(tracker, store) is required");
      checkState(store != null, "store(NotificationStore) is required");
      checkState(pageUrl != null, "pageUrl(URI) is required");
      return new Notifier(this, tracker, events, store, pageUrl);
    }
  }
}
