-- What recognised an added collaborator as the person who logged in: EMAIL, SUBJECT or LOGIN (issue 14).
ALTER TABLE firm_member ADD COLUMN matched_by VARCHAR(20);
