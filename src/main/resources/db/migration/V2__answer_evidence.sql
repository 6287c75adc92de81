-- Assessments such as the Foundation Model Transparency Index give, per answer, a justification of the
-- score and the references the assessors used; kept beside the summary (the disclosure itself).
alter table answer add column justification text;
alter table answer add column reference_text text;
