-- Pictures of draft pages (module signing), rendered once per page of a draft under a deadline and a pixel budget;
-- a page refused as too costly keeps a row without picture, so it is not rendered again. Purged with the drafts.
CREATE TABLE signing_page_picture (
    kind        VARCHAR(10)              NOT NULL,
    draft_id    UUID                     NOT NULL,
    page        INTEGER                  NOT NULL,
    png         BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, draft_id, page)
);
CREATE INDEX signing_page_picture_created ON signing_page_picture (created_at);
