package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of document a source is")
public enum SourceKind {
    @Description("A blog post")
    BLOG_POST,
    @Description("An article (press, paper)")
    ARTICLE,
    @Description("A comment thread")
    COMMENT_THREAD,
    @Description("A statement by a company")
    COMPANY_STATEMENT,
    @Description("A dataset (e.g. an FMTI edition)")
    DATASET,
    @Description("Any other document")
    OTHER
}
