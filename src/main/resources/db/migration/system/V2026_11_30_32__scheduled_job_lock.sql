-- Scheduled jobs that must run on one node of the cluster at a time (shared.ClusterJobs): a node claims a job
-- by moving locked_until forward in one UPDATE that only succeeds once the previous claim has run out.
CREATE TABLE scheduled_job_lock (
    name         VARCHAR(64)  PRIMARY KEY,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by    VARCHAR(255) NOT NULL,
    runs         BIGINT       NOT NULL
);
