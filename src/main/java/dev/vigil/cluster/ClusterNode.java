package dev.vigil.cluster;

/** This instance's view of the cluster: its bus and its registry. */
interface ClusterNode extends ClusterBus, Instances {

}
