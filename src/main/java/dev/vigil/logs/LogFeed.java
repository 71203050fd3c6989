package dev.vigil.logs;

/**
 * What the log channel keeps per client: a subscription of this instance's tailer, or a
 * watch relayed from another instance.
 */
sealed interface LogFeed permits LogSubscription, RemoteWatch {

}
