package org.labledger.source;

public enum SourceKind { BLOG_POST, ARTICLE, COMMENT_THREAD, COMPANY_STATEMENT, DATASET, OTHER }
