// The kit's tiny design: a 9-bit sum of two bytes.
module adder(input [7:0] a, input [7:0] b, output [8:0] y);
  assign y = a + b;
endmodule
