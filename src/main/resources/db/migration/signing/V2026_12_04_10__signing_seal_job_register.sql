-- A bulk job's sealed PDF is stored once, in the firm's register (signing_document), which the job's document
-- references: the job's result ZIP reads it from there, the register's purge drops it. The column `sealed` stays
-- for documents recorded before (it is read when set) and is set to NULL by the job's purge as before.
ALTER TABLE seal_job_document ADD COLUMN document_id UUID;
