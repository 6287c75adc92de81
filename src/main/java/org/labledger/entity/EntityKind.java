package org.labledger.entity;

import org.eclipse.microprofile.graphql.Description;

/** What a named entity is. */
@Description("What a named entity is")
public enum EntityKind {
    @Description("A person named in a document")
    PERSON,
    @Description("A company, lab, unit, body or other organisation")
    ORGANISATION,
    @Description("A newspaper, magazine or site that reports (WSJ, Vox, AIM)")
    PUBLICATION,
    @Description("A legal entity distinct from the organisation that owns it (e.g. a company's for-profit division)")
    LEGAL_ENTITY,
    @Description("An AI model")
    MODEL,
    @Description("A product or service")
    PRODUCT,
    @Description("Someone a document quotes without a name: named only by how the document identifies them (a handle, 'the post author')")
    UNNAMED_COMMENTER
}
