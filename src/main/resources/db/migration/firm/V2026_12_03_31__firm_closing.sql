-- Closing a firm (its owner, on /cabinet): the firm stays (its documents and audit trail are kept for their legal
-- retention) but is closed: its members lose access and no login opens it again. balance_choice records what the
-- owner chose for the remaining balance (REFUND: a refund asked; FORFEIT: given up; null: nothing left).
ALTER TABLE firm ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE firm ADD COLUMN closed_by UUID;
ALTER TABLE firm ADD COLUMN balance_choice VARCHAR(16);
