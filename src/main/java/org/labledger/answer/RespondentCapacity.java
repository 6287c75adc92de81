package org.labledger.answer;

import org.eclipse.microprofile.graphql.Description;

/** In what capacity the respondent answered, as the document states it. */
@Description("In what capacity the respondent answered, as the document states it")
public enum RespondentCapacity {
    @Description("On behalf of the lab")
    OFFICIAL,
    @Description("In a personal capacity")
    PERSONAL,
    @Description("The document does not say (the default)")
    UNKNOWN
}
