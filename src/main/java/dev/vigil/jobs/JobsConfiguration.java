package dev.vigil.jobs;

import java.time.Clock;
import java.util.List;

import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vigil.notifications.NotificationService;

@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	/**
	 * The starter does not pick up filter beans; registered before the server takes work.
	 */
	@Bean
	SmartInitializingSingleton jobFilters(ObjectProvider<BackgroundJobServer> server, NotificationService notifications,
			TaskRunRepository runs, Clock clock) {
		return () -> server.ifAvailable((s) -> s
			.setJobFilters(List.of(new JobFailureNotifier(notifications), new TaskRunRecorder(runs, clock))));
	}

	/**
	 * Idempotent: scheduling a recurring job again under its id replaces it (paused ones
	 * are taken out again by {@link RecurringTasks}).
	 */
	@Bean
	ApplicationRunner maintenanceSchedules(JobRequestScheduler scheduler, MaintenanceTasks tasks) {
		return (args) -> tasks.schedules()
			.forEach((task, cron) -> scheduler.scheduleRecurrently(task, cron, new MaintenanceTask(task)));
	}

}
