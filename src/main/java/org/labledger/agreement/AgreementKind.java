package org.labledger.agreement;

public enum AgreementKind { INVESTMENT_PARTNERSHIP, DEFINITIVE_AGREEMENT, COMMERCIAL, JOINT_BODY, PRODUCT, OTHER }
