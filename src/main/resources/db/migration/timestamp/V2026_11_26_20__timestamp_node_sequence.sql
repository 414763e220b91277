-- Each TSA node takes one number at start: the low 16 bits of its time-stamp serial numbers.
CREATE SEQUENCE timestamp_node_number START WITH 1 INCREMENT BY 1;
