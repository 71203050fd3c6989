package dev.vigil.email;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.notifications.NotificationsSent;

/**
 * Queues one email delivery job per recipient who asked for this notification type by
 * email. Runs on the sender's thread after the notifications are stored and streamed: it
 * only writes the delivery rows and their jobs, and never throws.
 */
@Component
class EmailQueue {

	private static final Logger log = LoggerFactory.getLogger(EmailQueue.class);

	private final EmailRepository repository;

	private final ActiveAdmins admins;

	private final Mailer mailer;

	private final JobRequestScheduler scheduler;

	private final Clock clock;

	EmailQueue(EmailRepository repository, ActiveAdmins admins, Mailer mailer, JobRequestScheduler scheduler,
			Clock clock) {
		this.repository = repository;
		this.admins = admins;
		this.mailer = mailer;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@EventListener
	void on(NotificationsSent sent) {
		if (!this.mailer.available()) {
			return;
		}
		try {
			List<Long> ids = sent.recipients().stream().map(NotificationsSent.Recipient::adminId).toList();
			Map<Long, Set<String>> types = this.repository.types(ids);
			List<Long> wanting = ids.stream()
				.filter((id) -> types.getOrDefault(id, Set.of()).contains(sent.type()))
				.toList();
			if (wanting.isEmpty()) {
				return;
			}
			Map<Long, String> emails = this.admins.emails(wanting);
			for (NotificationsSent.Recipient recipient : sent.recipients()) {
				String address = emails.get(recipient.adminId());
				if (address == null || !wanting.contains(recipient.adminId())) {
					continue;
				}
				long id = this.repository.insert(new EmailRepository.NewDelivery(recipient.notificationId(),
						recipient.adminId(), address, sent.type(), sent.title(), sent.message(), sent.sentAt()),
						this.clock.instant());
				this.scheduler.enqueue(new EmailDelivery(id));
			}
		}
		catch (RuntimeException ex) {
			log.atWarn()
				.setMessage("email deliveries not queued")
				.addKeyValue("type", sent.type())
				.addKeyValue("recipients", sent.recipients().size())
				.addKeyValue("error", ex.toString())
				.log();
		}
	}

}
