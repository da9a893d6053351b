import type { ElementId, IndicatorId, PillarId } from './types.js';

/**
 * English names written by the project (the whitepaper is Chinese only), so consultants can be
 * answered in English. Aliases are other phrasings consultants use; retrieval maps them to the
 * Chinese terms. The level descriptors themselves stay Chinese.
 */
export interface GlossaryEntry {
  en: string;
  aliases: string[];
}

export const PILLAR_GLOSSARY: Record<PillarId, GlossaryEntry> = {
  1: { en: 'Cloud-based infrastructure', aliases: ['cloud infrastructure', 'infrastructure', 'cloud', 'IT foundation'] },
  2: { en: 'Digital touchpoints', aliases: ['touchpoints', 'touchpoint digitalisation', 'IoT devices', 'sensors'] },
  3: { en: 'Online business', aliases: ['business online', 'online operations', 'digital processes'] },
  4: { en: 'Data-driven operations', aliases: ['data operations', 'operations data', 'data-driven'] },
  5: { en: 'Intelligent decision-making', aliases: ['intelligent decisions', 'AI decisions', 'decision intelligence'] },
};

export const INDICATOR_GLOSSARY: Record<IndicatorId, GlossaryEntry> = {
  '1.1': { en: 'Integration and storage', aliases: ['data storage', 'data integration', 'storage'] },
  '1.2': { en: 'Network and computing', aliases: ['compute', 'computing power', 'network', 'virtualisation'] },
  '1.3': { en: 'Security and risk', aliases: ['cybersecurity', 'information security', 'risk management'] },
  '1.4': { en: 'Continuous integration and agile delivery', aliases: ['CI/CD', 'DevOps', 'agile delivery', 'deployment'] },
  '1.5': { en: 'Business continuity', aliases: ['disaster recovery', 'high availability', 'backup', 'BCP'] },
  '2.1': { en: 'Coverage and layout', aliases: ['touchpoint coverage', 'touchpoint deployment'] },
  '2.2': { en: 'Online presence and connectivity', aliases: ['connectivity', 'device connection', 'offline devices'] },
  '2.3': { en: 'Data and quality', aliases: ['data quality', 'data collection'] },
  '2.4': { en: 'Extensibility and portability', aliases: ['scalability of touchpoints', 'portability', 'extensibility'] },
  '2.5': { en: 'Cost and return', aliases: ['ROI', 'return on investment', 'cost effectiveness'] },
  '3.1': { en: 'Business completeness and closed loop', aliases: ['closed loop', 'online business coverage'] },
  '3.2': { en: 'Online processes and re-engineering', aliases: ['process reengineering', 'workflow', 'business processes'] },
  '3.3': { en: 'Communication and collaboration', aliases: ['collaboration', 'communication tools', 'mobile office'] },
  '3.4': { en: 'Systems and architecture', aliases: ['architecture', 'enterprise architecture', 'business systems', 'silo systems'] },
  '3.5': { en: 'Innovation and sharing', aliases: ['innovation', 'shared services', 'capability reuse'] },
  '4.1': { en: 'Data building and connection', aliases: ['data silos', 'data integration', 'data platform'] },
  '4.2': { en: 'Data operation and optimisation', aliases: ['data operations strategy', 'customer data', 'data-driven operations'] },
  '4.3': { en: 'Data governance and control', aliases: ['data governance', 'master data', 'data standards'] },
  '4.4': { en: 'Tools and technology stack', aliases: ['data tools', 'ETL', 'data warehouse', 'tech stack'] },
  '4.5': { en: 'Openness and cooperation', aliases: ['data sharing', 'open data', 'data partnerships'] },
  '5.1': { en: 'Insight visualisation', aliases: ['dashboards', 'BI', 'visualization', 'analytics'] },
  '5.2': { en: 'Business-scenario enablement', aliases: ['AI use cases', 'AI in business scenarios', 'intelligent applications'] },
  '5.3': { en: 'Knowledge architecture and iteration', aliases: ['knowledge graph', 'knowledge management'] },
  '5.4': { en: 'Model building and optimisation', aliases: ['machine learning models', 'algorithms', 'AI models'] },
  '5.5': { en: 'Technology platform support', aliases: ['ML platform', 'MLOps', 'AI platform'] },
};

export const LEVEL_GLOSSARY: Record<1 | 2 | 3 | 4 | 5, GlossaryEntry> = {
  1: { en: 'Missing capability', aliases: ['none', 'absent'] },
  2: { en: 'Exploring', aliases: ['trying', 'pilot'] },
  3: { en: 'Basic application', aliases: ['shallow application', 'partial'] },
  4: { en: 'Deep mastery', aliases: ['advanced', 'mastered'] },
  5: { en: 'Mature system', aliases: ['mature', 'best practice', 'systematic'] },
};

export const ELEMENT_GLOSSARY: Record<ElementId, GlossaryEntry> = {
  brand: { en: 'Brand', aliases: ['branding', 'brand management'] },
  product: { en: 'Product', aliases: ['merchandise', 'goods', 'SKU'] },
  manufacturing: { en: 'Manufacturing', aliases: ['production', 'factory'] },
  channel: { en: 'Channel', aliases: ['distribution', 'distributors', 'dealers'] },
  marketing: { en: 'Marketing', aliases: ['campaigns', 'promotion'] },
  retail: { en: 'Retail', aliases: ['stores', 'shops'] },
  service: { en: 'Service', aliases: ['customer service', 'after-sales'] },
  logistics: { en: 'Logistics', aliases: ['warehousing', 'delivery', 'supply chain logistics'] },
  finance: { en: 'Finance', aliases: ['payments', 'financial services'] },
  organization: { en: 'Organization', aliases: ['organisation', 'HR', 'people'] },
  technology: { en: 'Technology', aliases: ['IT department', 'IT team', 'IT function', 'tech'] },
};
